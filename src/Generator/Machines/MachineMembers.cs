using System.Collections.Generic;
using System.Linq;
using Butterfly.Generator.Emitting;

namespace Butterfly.Generator.Machines;

/// <summary>
/// The members <see cref="MachineEmitter"/> writes into a machine class (besides explicit interface implementations),
/// so that the parser can reject a declaration whose own or inherited members would clash with them.
/// </summary>
internal static class MachineMembers
{
    private const string Workspace = "global::Butterfly.BoltzmannWorkspace";
    private const string ReadOnlySpan = "global::System.ReadOnlySpan<float>";
    private const string Span = "global::System.Span<float>";

    /// <summary>Names of constants, fields and properties, which a name alone identifies.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "VisibleCount", "HiddenCount", "ParameterCount", "DefaultSeed", "Signature", "VisibleUnits",
        "s_shape", "s_parameterBlocks", "_parameters", "_gradients", "Parameters", "Gradients", "ParameterBlocks",
        "Weights", "VisibleBias", "HiddenBias", "WeightsGradient", "VisibleBiasGradient", "HiddenBiasGradient",
    ];

    public static IReadOnlyList<GeneratedMember> All { get; } = Names
        .Select(name => new GeneratedMember(name, GeneratedMemberKind.Other, []))
        .Concat(
        [
            new GeneratedMember(".ctor", GeneratedMemberKind.Constructor, []),
            new GeneratedMember(".ctor", GeneratedMemberKind.Constructor, ["int"]),
            Method("CreateWorkspace", "int"),
            Method("HiddenProbabilities", ReadOnlySpan, Span),
            Method("VisibleProbabilities", ReadOnlySpan, Span),
            Method("SampleHidden", Workspace, ReadOnlySpan, Span),
            Method("SampleVisible", Workspace, ReadOnlySpan, Span),
            Method("Gibbs", Workspace, Span, "int"),
            Method("FreeEnergy", Workspace, ReadOnlySpan, Span),
            Method("ContrastiveDivergence", Workspace, ReadOnlySpan, "int"),
            Method("PersistentContrastiveDivergence", Workspace, ReadOnlySpan, "int"),
            Method("TrainStep", Workspace, ReadOnlySpan, "global::Butterfly.Optimizer", "int", "bool"),
            Method("ReconstructionError", Workspace, ReadOnlySpan),
            Method("PseudoLogLikelihood", Workspace, ReadOnlySpan),
        ])
        .ToList();

    /// <summary>Names the machine class itself cannot have, since C# forbids a member named like its type.</summary>
    public static IReadOnlyCollection<string> ReservedNames { get; } = new HashSet<string>(All.Where(m => m.Kind != GeneratedMemberKind.Constructor).Select(m => m.Name));

    private static GeneratedMember Method(string name, params string[] parameterTypes) => new(name, GeneratedMemberKind.Method, parameterTypes);
}
