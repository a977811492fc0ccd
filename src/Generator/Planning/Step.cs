using System.Collections.Generic;

namespace Butterfly.Generator.Planning;

/// <summary>
/// What the emitter writes as one unit: a single layer, or layers joined into fewer kernel calls (<see cref="Lowering"/>),
/// with the joining decided once for Predict, Forward and Backward alike.
/// </summary>
internal sealed class Step
{
    public Step(IReadOnlyList<LayerPlan> layers, LayerPlan? rectifying = null, LayerPlan? rectifier = null, LayerPlan? pooling = null)
    {
        Layers = layers;
        Rectifying = rectifying;
        Rectifier = rectifier;
        Pooling = pooling;
    }

    /// <summary>The layers, in network order; each layer of the network is in exactly one step.</summary>
    public IReadOnlyList<LayerPlan> Layers { get; }

    /// <summary>
    /// The layer whose kernels apply the <see cref="Rectifier"/> after it as they store its output (a convolution, a sum), in
    /// Predict and in a batch forward pass; null when the step joins no rectifier to the layer before.
    /// </summary>
    public LayerPlan? Rectifying { get; }

    /// <summary>The ReLU of the step, if it has one.</summary>
    public LayerPlan? Rectifier { get; }

    /// <summary>
    /// The pooling after the <see cref="Rectifier"/>, whose backward call also applies the ReLU's mask,
    /// <c>dx = [y &gt; 0] ⊙ (pooling's rule)</c>, so that the gradient between the two never goes through memory.
    /// </summary>
    public LayerPlan? Pooling { get; }

    /// <summary>
    /// Whether a batch forward pass computes <see cref="Pooling"/> in <see cref="Rectifying"/>'s call too (2×2 stride-2
    /// windows, which a convolution pools as it stores). Predict pools in a call of its own: its one-sample direct kernel
    /// has no pooling stage.
    /// </summary>
    public bool PoolsInForwardCall { get; init; }

    /// <summary>
    /// Whether a training step's forward pass leaves <see cref="Rectifying"/>'s own output unstored, its kernel storing only
    /// the rectified (and pooled) outputs, which are all that backward reads.
    /// </summary>
    public bool TrainingSkipsOwnOutput { get; init; }

    /// <summary>The layer whose batch forward call computes the layers joined to <see cref="Rectifying"/>: the last of them.</summary>
    public LayerPlan? ForwardCallAt => Rectifying is null ? null : PoolsInForwardCall ? Pooling : Rectifier;
}
