namespace Butterfly.Generator.Layers;

/// <summary>
/// The Gaussian error linear unit, tanh form; with <c>t = tanh(u)</c>, <c>u = sqrt(2/π)(x + 0.044715 x³)</c>, its
/// derivative is <c>(1 + t)/2 + x/2 (1 - t²) sqrt(2/π)(1 + 3·0.044715 x²)</c>, which needs <c>x</c>.
/// </summary>
internal sealed class GELULayer : ActivationLayer
{
    public override string Name => "GELU";

    public override bool IsRectifier => true;

    public override string Stem => "gelu";

    public override ForwardValues BackwardReads => ForwardValues.Input;

    protected override string Formula => "y = x/2 (1 + tanh(sqrt(2/π) (x + 0.044715 x³)))";

    protected override string BackwardFormula => "dx = dy ⊙ ((1 + t)/2 + x/2 (1 - t²) sqrt(2/π) (1 + 3·0.044715 x²)), t = tanh(u)";
}
