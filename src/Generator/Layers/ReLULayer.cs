using Butterfly.Generator.Emitting;

namespace Butterfly.Generator.Layers;

/// <summary>The rectifier; its derivative is 1 where the output is positive, else 0.</summary>
internal sealed class ReLULayer : ActivationLayer
{
    public override string Name => "ReLU";

    public override bool IsRectifier => true;

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

    public override void EmitForward(CodeWriter writer, LayerEmission layer)
    {
        if (layer.Context == EmissionContext.Forward && layer.Layer.Previous is { } convolution && Conv2DLayer.ForwardComputedBy(convolution) is { } end)
        {
            if (end == layer.Layer)
            {
                Conv2DLayer.EmitForwardWithReLU(writer, layer.Of(convolution), layer.Output, pooled: null);
            }
            else
            {
                writer.Comment($"{Formula}: computed by {end.Name}'s call below");
            }

            return;
        }

        base.EmitForward(writer, layer);
    }

    public override void EmitBackward(CodeWriter writer, LayerEmission layer)
    {
        if (layer.Layer.Next is { } pooling && pooling.Kind.BackwardRunsInPrevious(pooling) && layer.InputGradient is { } inputGradient)
        {
            MaxPoolLayer.EmitBackwardThroughReLU(writer, layer.Of(pooling), inputGradient);
            return;
        }

        base.EmitBackward(writer, layer);
    }
}
