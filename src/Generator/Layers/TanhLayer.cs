namespace Butterfly.Generator.Layers;

/// <summary>The hyperbolic tangent; <c>tanh'(x) = 1 - tanh²(x)</c>.</summary>
internal sealed class TanhLayer : ActivationLayer
{
    public override string Name => "Tanh";

    protected override string Formula => "y = tanh(x)";

    protected override string BackwardFormula => "dx = dy ⊙ tanh'(x) = dy ⊙ (1 - y²)";
}
