using System.Collections.Generic;

namespace Butterfly.Generator.Planning;

/// <summary>
/// Lowers the planned layers into <see cref="Step"/>s: the one place that decides which layers share a kernel call,
/// from traits of the layer kinds (<see cref="Layers.LayerKind.AppliesFollowingReLU"/>, <see cref="Layers.LayerKind.IsReLU"/>,
/// <see cref="Layers.LayerKind.PoolsAfterReLU"/>, <see cref="Layers.LayerKind.BackwardAppliesReLUMask"/>) and the chain of
/// single readers (<see cref="LayerPlan.Next"/>).
/// </summary>
/// <remarks>
/// The joins: a layer that can apply a ReLU as it stores (a convolution; a sum of two), the ReLU that is its only reader,
/// and a max pooling that is the ReLU's only reader (a 2×2 stride-2 one pooled in the same batch forward call where the
/// layer can); and a ReLU that reads a layer with such a pooling after it, whose backward rules run as one call. A join never changes a result bit: each kernel computes
/// what the layers run one by one would.
/// </remarks>
internal static class Lowering
{
    /// <param name="layers">The network's layers, connected (<see cref="Graph.Connect"/>).</param>
    /// <param name="backpropagationStart">The last layer backward walks through (<see cref="NetworkPlan.BackpropagationStart"/>).</param>
    public static IReadOnlyList<Step> Lower(IReadOnlyList<LayerPlan> layers, int backpropagationStart)
    {
        var steps = new List<Step>(layers.Count);
        for (int i = 0; i < layers.Count; i += steps[steps.Count - 1].Layers.Count)
        {
            var layer = layers[i];
            if (layer.Kind.AppliesFollowingReLU(layer.Spec) && layer.Next is { Kind.IsReLU: true } relu)
            {
                var pooling = MaskedPooling(relu, backpropagationStart);
                bool pools = pooling is not null && layer.Kind.PoolsAfterReLU && pooling.Kind.IsTwoByTwoMaxPool(pooling.Spec);
                steps.Add(new Step(pooling is null ? [layer, relu] : [layer, relu, pooling], layer, relu, pooling)
                {
                    PoolsInForwardCall = pools,
                    TrainingSkipsOwnOutput = layer.Kind.RectifyingCallSkipsOwnOutput(layer.Spec),
                });
            }
            else if (layer.Kind.IsReLU && layer.Source is not null && MaskedPooling(layer, backpropagationStart) is { } pooling)
            {
                steps.Add(new Step([layer, pooling], rectifier: layer, pooling: pooling));
            }
            else
            {
                steps.Add(new Step([layer]));
            }
        }

        return steps;
    }

    /// <summary>
    /// The pooling after <paramref name="relu"/> whose backward call can apply the ReLU's mask too, when backward reaches
    /// it and the ReLU reads a layer (the network's input may need no gradient at all); else null.
    /// </summary>
    private static LayerPlan? MaskedPooling(LayerPlan relu, int backpropagationStart) =>
        relu.Source is not null && relu.Next is { Kind.BackwardAppliesReLUMask: true } pooling && pooling.Index <= backpropagationStart ? pooling : null;
}
