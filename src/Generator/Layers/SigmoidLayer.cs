namespace Butterfly.Generator.Layers;

/// <summary>The logistic function; <c>σ'(x) = σ(x) (1 - σ(x))</c>.</summary>
internal sealed class SigmoidLayer : ActivationLayer
{
    public override string Name => "Sigmoid";

    protected override string Formula => "y = σ(x) = 1 / (1 + e^-x)";

    protected override string BackwardFormula => "dx = dy ⊙ σ'(x) = dy ⊙ y ⊙ (1 - y)";
}
