using System.Linq;
using Butterfly.Generator.Model;

namespace Butterfly.Generator.Layers;

/// <summary>
/// The Gaussian error linear unit, <c>y = x Φ(x)</c>, in the form the declaration chooses. The tanh form (the default,
/// as Butterfly has always computed it) with <c>t = tanh(u)</c>, <c>u = sqrt(2/π)(x + 0.044715 x³)</c> has the
/// derivative <c>(1 + t)/2 + x/2 (1 - t²) sqrt(2/π)(1 + 3·0.044715 x²)</c>; the exact form (<c>Exact = true</c>,
/// ONNX's and PyTorch's default) has <c>Φ(x) + x φ(x)</c>. Both need <c>x</c>.
/// </summary>
internal sealed class GELULayer : ActivationLayer
{
    public override string Name => "GELU";

    public override bool IsRectifier => true;

    public override string Stem => "gelu";

    public override ForwardValues BackwardReads => ForwardValues.Input;

    protected override string Formula => "y = x/2 (1 + tanh(sqrt(2/π) (x + 0.044715 x³)))";

    protected override string BackwardFormula => "dx = dy ⊙ ((1 + t)/2 + x/2 (1 - t²) sqrt(2/π) (1 + 3·0.044715 x²)), t = tanh(u)";

    /// <summary>
    /// <c>Exact = false</c> is the default written out: dropped, so that it compiles to the same network, signature
    /// included, as a plain <c>[GELU]</c>.
    /// </summary>
    public override LayerSpec Resolve(LayerSpec spec) =>
        IsExact(spec) ? spec : spec with { Arguments = spec.Arguments.Where(a => a.Name != "exact").ToEquatableArray() };

    public override string? PropertyArgument(LayerArgument argument) =>
        argument.Name == "exact" ? "Exact = " + (argument.Value != 0 ? "true" : "false") : null;

    protected override (string Kernel, string Formula, string BackwardFormula) Form(LayerSpec spec) =>
        IsExact(spec)
            ? ("GELUExact", "y = x Φ(x) = x/2 (1 + erf(x / sqrt 2))", "dx = dy ⊙ (Φ(x) + x φ(x)), φ(x) = e^(-x²/2) / sqrt(2π)")
            : base.Form(spec);

    private static bool IsExact(LayerSpec spec) => spec.Get("exact", 0) != 0;
}
