using System.Collections.Generic;
using Butterfly.Generator.Diagnostics;
using Butterfly.Generator.Emitting;
using Butterfly.Generator.Model;

namespace Butterfly.Generator.Layers;

/// <summary>The exponential linear unit; for <c>x ≤ 0</c>, <c>y' = α e^x = y + α</c>, so backward reads only <c>y</c>.</summary>
internal sealed class ELULayer : ActivationLayer
{
    public override string Name => "ELU";

    public override bool IsRectifier => true;

    public override string Stem => "elu";

    protected override string Formula => "y = x if x > 0, else α (e^x - 1)";

    protected override string BackwardFormula => "dx = dy ⊙ (y > 0 ? 1 : y + α)";

    public override IEnumerable<LayerError> CheckArguments(LayerSpec spec)
    {
        double alpha = spec.Get("alpha");
        if (!(alpha > 0) || double.IsInfinity(alpha))
        {
            yield return new LayerError(DiagnosticDescriptors.ArgumentOutOfRange, ["ELU alpha", "positive and finite", alpha]);
        }
    }

    protected override string KernelArguments(LayerSpec spec) => ", " + Literals.Float((float)spec.Get("alpha"));
}
