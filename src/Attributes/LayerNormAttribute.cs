using System;

namespace Butterfly;

/// <summary>
/// Layer normalization (Ba et al. 2016) over the features of each sample:
/// <c>y = γ ⊙ (x - μ) / sqrt(σ² + ε) + β</c>, with <c>μ</c> and <c>σ²</c> the mean and (biased) variance of the
/// normalized features of one sample, the same in training and inference. By default every feature of the sample is
/// normalized together: a vector's units, or an image's <c>C·H·W</c> values (as PyTorch's
/// <c>LayerNorm([C, H, W])</c> and ONNX's <c>LayerNormalization</c> with <c>axis = 1</c>). <see cref="Axis"/> starts
/// the normalized dimensions later: <c>Axis = -1</c> normalizes each position of a sequence over its last dimension,
/// as transformers do. <c>γ</c> (starting at 1) and <c>β</c> (starting at 0) have the shape of the normalized
/// dimensions.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class LayerNormAttribute : LayerAttribute
{
    /// <summary>Declares layer normalization.</summary>
    /// <param name="epsilon">Added to the variance; positive and finite.</param>
    public LayerNormAttribute(float epsilon = 1e-5f) => Epsilon = epsilon;

    /// <summary>Added to the variance before the square root.</summary>
    public float Epsilon { get; }

    /// <summary>
    /// The first normalized dimension of a sample's shape (0 for the first, as the default; negative counts from the
    /// end, <c>-1</c> for the last); every dimension from it to the end is normalized together.
    /// </summary>
    public int Axis { get; set; }
}
