using System;

namespace Butterfly;

/// <summary>
/// Batch normalization (Ioffe and Szegedy 2015) per channel (the first dimension; each feature of a vector):
/// <c>y = γ (x - μ) / sqrt(σ² + ε) + β</c>. Training uses the batch's mean and variance over samples and positions
/// and updates running averages <c>r = (1 - momentum) r + momentum · batch statistic</c>; inference uses the running
/// averages. The running averages are saved with the weights but never trained.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class BatchNormAttribute : LayerAttribute
{
    /// <summary>Declares batch normalization.</summary>
    /// <param name="momentum">The running averages' update weight, in (0, 1].</param>
    /// <param name="epsilon">Added to the variance; positive.</param>
    public BatchNormAttribute(float momentum = 0.1f, float epsilon = 1e-5f)
    {
        Momentum = momentum;
        Epsilon = epsilon;
    }

    /// <summary>The running averages' update weight.</summary>
    public float Momentum { get; }

    /// <summary>Added to the variance before the square root.</summary>
    public float Epsilon { get; }
}
