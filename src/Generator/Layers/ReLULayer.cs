using Butterfly.Generator.Emitting;

namespace Butterfly.Generator.Layers;

/// <summary>The rectifier; its derivative is 1 where the output is positive, else 0.</summary>
internal sealed class ReLULayer : ActivationLayer
{
    public override string Name => "ReLU";

    public override string Stem => "relu";

    protected override string Formula => "y = max(0, x)";

    protected override string BackwardFormula => "dx = dy ⊙ [x > 0] = dy ⊙ [y > 0]";

    public override void EmitPredict(CodeWriter writer, LayerEmission layer)
    {
        if (layer.Layer.Previous is { } convolution && Conv2DLayer.RectifiesInPredict(convolution))
        {
            writer.Comment($"{Formula}: applied by {convolution.Name} as it stored its outputs");
            return;
        }

        base.EmitPredict(writer, layer);
    }
}
