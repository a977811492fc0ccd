using System;
using System.ComponentModel;
using System.Numerics.Tensors;

namespace Butterfly.Kernels;

/// <summary>
/// Layer normalization (Ba et al. 2016) over <c>x[R × N]</c>: each row of <c>N</c> values (one sample's normalized
/// dimensions; a sample holds several rows when only its trailing dimensions are normalized) gets its own
/// <c>μ = (1/N) Σ x</c> and <c>σ² = (1/N) Σ (x - μ)²</c>; then <c>x̂ = (x - μ) / sqrt(σ² + ε)</c> and
/// <c>y = γ ⊙ x̂ + β</c> with <c>γ, β</c> of length <c>N</c>, shared by every row.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class LayerNormalization
{
    /// <summary>
    /// Forward over <paramref name="rows"/> rows of <paramref name="width"/>. Keeps <c>x̂</c> in
    /// <paramref name="normalized"/> (which may be <paramref name="y"/> when nothing is kept, as in Predict) and each
    /// row's <c>1 / sqrt(σ² + ε)</c> in <paramref name="inverseDeviation"/> (empty for none).
    /// </summary>
    public static void Forward(
        ReadOnlySpan<float> x, Span<float> y, ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta,
        Span<float> normalized, Span<float> inverseDeviation, int rows, int width, float epsilon)
    {
        Arguments.HasAtLeast(x, rows * width, nameof(x));
        Arguments.HasAtLeast(y, rows * width, nameof(y));
        Arguments.HasAtLeast(normalized, rows * width, nameof(normalized));
        Arguments.HasLength(gamma, width, nameof(gamma));
        Arguments.HasLength(beta, width, nameof(beta));
        for (int r = 0; r < rows; r++)
        {
            var row = x.Slice(r * width, width);
            var hat = normalized.Slice(r * width, width);

            // Two passes (the mean, then the squares of the differences): the one-pass Σx² - Nμ² cancels badly when
            // |μ| is large against σ.
            float mean = TensorPrimitives.Sum(row) / width;
            TensorPrimitives.Subtract(row, mean, hat);
            float variance = TensorPrimitives.SumOfSquares(hat) / width;
            float inverse = 1f / MathF.Sqrt(variance + epsilon);
            if (!inverseDeviation.IsEmpty)
            {
                inverseDeviation[r] = inverse;
            }

            TensorPrimitives.Multiply(hat, inverse, hat);
            TensorPrimitives.FusedMultiplyAdd(hat, gamma, beta, y.Slice(r * width, width));
        }
    }

    /// <summary>
    /// Backward. With <c>g = dy ⊙ γ</c> and, from <c>∂x̂_i/∂x_j = r (δ_ij - 1/N - x̂_i x̂_j / N)</c>,
    /// <c>dx = r (g - mean(g) - x̂ ⊙ mean(g ⊙ x̂))</c> per row (unless <paramref name="dx"/> is empty);
    /// <c>dγ = Σ_rows dy ⊙ x̂</c>, <c>dβ = Σ_rows dy</c>, overwritten.
    /// </summary>
    public static void Backward(
        ReadOnlySpan<float> normalized, ReadOnlySpan<float> gamma, ReadOnlySpan<float> inverseDeviation, ReadOnlySpan<float> dy,
        Span<float> dGamma, Span<float> dBeta, Span<float> dx, int rows, int width)
    {
        Arguments.HasAtLeast(normalized, rows * width, nameof(normalized));
        Arguments.HasAtLeast(dy, rows * width, nameof(dy));
        Arguments.HasAtLeast(inverseDeviation, rows, nameof(inverseDeviation));
        Arguments.HasLength(dGamma, width, nameof(dGamma));
        Arguments.HasLength(dBeta, width, nameof(dBeta));
        dGamma.Clear();
        dBeta.Clear();
        for (int r = 0; r < rows; r++)
        {
            var hat = normalized.Slice(r * width, width);
            var gradient = dy.Slice(r * width, width);
            TensorPrimitives.MultiplyAdd(gradient, hat, dGamma, dGamma);
            TensorPrimitives.Add(dBeta, gradient, dBeta);
            if (dx.IsEmpty)
            {
                continue;
            }

            var row = dx.Slice(r * width, width);
            TensorPrimitives.Multiply(gradient, gamma, row);
            float meanG = TensorPrimitives.Sum(row) / width;
            float meanGHat = TensorPrimitives.Dot(row, hat) / width;
            TensorPrimitives.Subtract(row, meanG, row);
            TensorPrimitives.MultiplyAdd(hat, -meanGHat, row, row);
            TensorPrimitives.Multiply(row, inverseDeviation[r], row);
        }
    }
}
