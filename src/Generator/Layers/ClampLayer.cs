using System.Collections.Generic;
using Butterfly.Generator.Diagnostics;
using Butterfly.Generator.Emitting;
using Butterfly.Generator.Model;

namespace Butterfly.Generator.Layers;

/// <summary>
/// A clamp between constants, <c>y = min(max(x, min), max)</c>; an open side is an infinite bound. Its derivative is 1
/// where <c>min ≤ x ≤ max</c> (both ends included, as PyTorch's <c>clamp</c> and ONNX Runtime's <c>Clip</c> gradient
/// take it) and 0 outside; <c>y</c> cannot tell <c>x = min</c> from <c>x &lt; min</c>, so backward reads <c>x</c>.
/// </summary>
internal sealed class ClampLayer : ActivationLayer
{
    public override string Name => "Clamp";

    public override ForwardValues BackwardReads => ForwardValues.Input;

    protected override string Formula => "y = min(max(x, min), max)";

    protected override string BackwardFormula => "dx = dy ⊙ [min ≤ x ≤ max]";

    public override IEnumerable<LayerError> CheckArguments(LayerSpec spec)
    {
        double min = spec.Get("min"), max = spec.Get("max");
        if (double.IsNaN(min) || double.IsPositiveInfinity(min))
        {
            yield return new LayerError(DiagnosticDescriptors.ArgumentOutOfRange, ["Clamp min", "a number or float.NegativeInfinity (no lower bound)", min]);
        }
        else if (double.IsNaN(max) || double.IsNegativeInfinity(max))
        {
            yield return new LayerError(DiagnosticDescriptors.ArgumentOutOfRange, ["Clamp max", "a number or float.PositiveInfinity (no upper bound)", max]);
        }
        else if (max < min)
        {
            yield return new LayerError(DiagnosticDescriptors.ClampBoundsCrossed, [spec.Declaration(), min, max]);
        }
    }

    /// <summary>Same shape; a clamp with no finite bound compiles (it is the identity) but is reported, BF0067.</summary>
    public override ShapeResult InferShape(Shape input, LayerSpec spec) =>
        double.IsInfinity(spec.Get("min")) && double.IsInfinity(spec.Get("max"))
            ? ShapeResult.Of(input, DiagnosticDescriptors.ClampWithoutBounds, spec.Declaration())
            : ShapeResult.Of(input);

    protected override string KernelArguments(LayerSpec spec) =>
        ", " + Literals.Float((float)spec.Get("min")) + ", " + Literals.Float((float)spec.Get("max"));
}
