using System.Collections.Generic;
using Butterfly.Generator.Diagnostics;
using Butterfly.Generator.Emitting;
using Butterfly.Generator.Model;

namespace Butterfly.Generator.Layers;

/// <summary>
/// The leaky rectifier; its derivative is 1 for <c>x &gt; 0</c>, else the slope. A negative slope makes <c>y</c>
/// positive for negative <c>x</c>, so backward reads <c>x</c>.
/// </summary>
internal sealed class LeakyReLULayer : ActivationLayer
{
    public override string Name => "LeakyReLU";

    public override bool IsRectifier => true;

    public override string Stem => "leaky_relu";

    public override ForwardValues BackwardReads => ForwardValues.Input;

    protected override string Formula => "y = x if x > 0, else slope x";

    protected override string BackwardFormula => "dx = dy ⊙ (x > 0 ? 1 : slope)";

    public override IEnumerable<LayerError> CheckArguments(LayerSpec spec)
    {
        double slope = spec.Get("slope");
        if (double.IsNaN(slope) || double.IsInfinity(slope))
        {
            yield return new LayerError(DiagnosticDescriptors.ArgumentOutOfRange, ["LeakyReLU slope", "finite", slope]);
        }
    }

    protected override string KernelArguments(LayerSpec spec) => ", " + Literals.Float((float)spec.Get("slope"));
}
