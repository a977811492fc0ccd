using Butterfly.Generator.Model;

namespace Butterfly.Generator.Machines;

/// <summary>The kind of a machine's visible units, as <c>Butterfly.VisibleUnits</c> numbers them.</summary>
internal enum VisibleUnitKind
{
    Bernoulli = 0,
    Gaussian = 1,
}

/// <summary>
/// A parsed <c>[BoltzmannMachine]</c> declaration, as value-equal data: where the class lives and the machine's sizes.
/// The parameter layout follows from it: <c>W[hidden × visible]</c>, then <c>b[visible]</c>, then <c>c[hidden]</c>.
/// </summary>
internal sealed record MachineModel(TypeDeclaration Type, int Visible, int Hidden, VisibleUnitKind Units)
{
    /// <summary>The machine as one line; weights files record it: <c>BoltzmannMachine(784, 500, Bernoulli)</c>.</summary>
    public string Signature => $"BoltzmannMachine({Visible}, {Hidden}, {Units})";

    public long WeightCount => (long)Visible * Hidden;

    public long ParameterCount => WeightCount + Visible + Hidden;
}

/// <summary>What parsing one <c>[BoltzmannMachine]</c> class gave: a model to emit (when valid) and diagnostics.</summary>
internal sealed record MachineParseResult(MachineModel? Model, EquatableArray<DiagnosticInfo> Diagnostics)
{
    public static MachineParseResult Nothing { get; } = new(null, EquatableArray<DiagnosticInfo>.Empty);
}
