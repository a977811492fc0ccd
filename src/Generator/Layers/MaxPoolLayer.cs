using Butterfly.Generator.Emitting;
using Butterfly.Generator.Model;
using Butterfly.Generator.Planning;
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

    /// <summary>Whether the windows are 2×2 with stride 2, the case a direct convolution can pool as it stores.</summary>
    public static bool IsTwoByTwo(LayerSpec spec) => KernelChoice.PoolsTwoByTwo(spec.GetInt32("size"), (int)Stride(spec));

    /// <summary>After a ReLU that reads a layer (not the network's input), the ReLU's backward call runs this rule too.</summary>
    public override bool BackwardRunsInPrevious(LayerPlan plan) => plan.Previous is { Kind: ReLULayer, Source: not null };

    public override void EmitForward(CodeWriter writer, LayerEmission layer)
    {
        if (layer.Context == EmissionContext.Forward && layer.Layer.Previous?.Previous is { } convolution && Conv2DLayer.ForwardComputedBy(convolution) == layer.Layer)
        {
            Conv2DLayer.EmitForwardWithReLU(writer, layer.Of(convolution), layer.Input, layer.Output);
            return;
        }

        base.EmitForward(writer, layer);
    }

    /// <summary>
    /// This pooling's backward rule and then that of the ReLU before it, in one pass the ReLU emits: the gradient
    /// between the two never goes through memory.
    /// </summary>
    public static void EmitBackwardThroughReLU(CodeWriter writer, LayerEmission pooling, string inputGradient)
    {
        writer.Comment($"{pooling.Layer.Name}'s rule and then this one's: dx = [y > 0] ⊙ (dy[i, j] at the first maximum of window (i, j); 0 elsewhere)");
        writer.Line(
            $"global::Butterfly.Kernels.Pooling.MaxBackwardThroughReLU({pooling.Input}, {pooling.OutputGradient}, {inputGradient}, {Planes(pooling)}, {Arguments(pooling)});");
    }
}
