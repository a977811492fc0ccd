using Butterfly.Generator.Emitting;
using Butterfly.Generator.Model;
using Butterfly.Kernels;

namespace Butterfly.Generator.Layers;

/// <summary>
/// Max pooling. Only a window's maximum reaches the output, so its Jacobian routes <c>dy</c> to that one input; the
/// backward pass finds the argmax again from the input rather than keeping indices.
/// </summary>
internal sealed class MaxPoolLayer : PoolingLayer
{
    public override string Name => "MaxPool";

    public override string Stem => "max_pool";

    public override ForwardValues BackwardReads => ForwardValues.Input;

    protected override string Kernel => "Max";

    protected override string Formula => "y[c, i, j] = max_{u, v < size} x[c, i s + u, j s + v]";

    protected override string BackwardFormula => "dx[argmax of window (i, j)] += dy[i, j]; 0 elsewhere";

    public override bool IsTwoByTwoMaxPool(LayerSpec spec) => KernelChoice.PoolsTwoByTwo(spec.GetInt32("size"), (int)Stride(spec));

    public override bool BackwardAppliesReLUMask => true;

    /// <summary>Windows inside the image read no border, and the kernel writes the output's border zeros.</summary>
    public override ChannelsLastUse ChannelsLast(LayerSpec spec) => ChannelsLastUse.Keeps;

    public override void EmitPredict(CodeWriter writer, LayerEmission layer)
    {
        if (layer.ChannelsLastBorder < 0)
        {
            base.EmitPredict(writer, layer);
            return;
        }

        writer.Comment(Formula + ", over channels-last images with borders of " + layer.ChannelsLastBorder);
        writer.Line($"global::Butterfly.Kernels.ChannelsLast.MaxPool({layer.Input}, {layer.Output}, {Planes(layer)}, {Arguments(layer)}, {layer.ChannelsLastBorder}{layer.SplitArgument});");
    }

    public override void EmitBackward(CodeWriter writer, LayerEmission layer)
    {
        if (!layer.MasksThroughReLU || layer.InputGradient is not { } inputGradient)
        {
            base.EmitBackward(writer, layer);
            return;
        }

        // This rule and then the ReLU's, in one pass: the gradient between the two never goes through memory.
        writer.Comment($"{layer.Layer.Name}'s rule and then this one's: dx = [y > 0] ⊙ (dy[i, j] at the first maximum of window (i, j); 0 elsewhere)");
        writer.Line(
            $"global::Butterfly.Kernels.Pooling.MaxBackwardThroughReLU({layer.Input}, {layer.OutputGradient}, {inputGradient}, {Planes(layer)}, {Arguments(layer)});");
    }
}
