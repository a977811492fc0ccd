using System;
using System.ComponentModel;

namespace Butterfly.Kernels;

/// <summary>
/// Batch normalization (Ioffe and Szegedy 2015) over <c>x[B × C × P]</c>, per channel <c>c</c> across the
/// <c>N = B·P</c> values of the batch's samples and positions: <c>x̂ = (x - μ_c) / sqrt(σ²_c + ε)</c>,
/// <c>y = γ_c x̂ + β_c</c>.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class BatchNormalization
{
    /// <summary>
    /// Forward. In training <c>μ, σ²</c> are the batch's mean and (biased) variance and the running averages move
    /// towards them, <c>r = (1 - m) r + m s</c> (the variance's unbiased form, <c>σ² N / (N - 1)</c>); in inference they
    /// are the running averages. Keeps <c>x̂</c> and <c>1 / sqrt(σ² + ε)</c> for <see cref="Backward"/>.
    /// </summary>
    public static void Forward(
        ReadOnlySpan<float> x, Span<float> y, ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta,
        Span<float> runningMean, Span<float> runningVariance, Span<float> normalized, Span<float> inverseDeviation,
        int batch, int channels, int positions, float momentum, float epsilon, bool training)
    {
        int count = batch * positions;
        for (int c = 0; c < channels; c++)
        {
            float mean, variance;
            if (training)
            {
                double sum = 0, squares = 0;
                for (int b = 0; b < batch; b++)
                {
                    foreach (float v in x.Slice((b * channels + c) * positions, positions))
                    {
                        sum += v;
                        squares += (double)v * v;
                    }
                }

                double batchMean = sum / count;
                double batchVariance = Math.Max(0.0, squares / count - batchMean * batchMean);
                mean = (float)batchMean;
                variance = (float)batchVariance;
                float unbiased = count > 1 ? (float)(batchVariance * count / (count - 1)) : variance;
                runningMean[c] = (1f - momentum) * runningMean[c] + momentum * mean;
                runningVariance[c] = (1f - momentum) * runningVariance[c] + momentum * unbiased;
            }
            else
            {
                mean = runningMean[c];
                variance = runningVariance[c];
            }

            float inverse = 1f / MathF.Sqrt(variance + epsilon);
            inverseDeviation[c] = inverse;
            for (int b = 0; b < batch; b++)
            {
                int start = (b * channels + c) * positions;
                for (int p = start; p < start + positions; p++)
                {
                    float hat = (x[p] - mean) * inverse;
                    normalized[p] = hat;
                    y[p] = gamma[c] * hat + beta[c];
                }
            }
        }
    }

    /// <summary>Inference for one sample, from the running averages alone: <c>y = γ (x - r_μ) / sqrt(r_σ² + ε) + β</c>.</summary>
    public static void Infer(
        ReadOnlySpan<float> x, Span<float> y, ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta,
        ReadOnlySpan<float> runningMean, ReadOnlySpan<float> runningVariance, int channels, int positions, float epsilon)
    {
        for (int c = 0; c < channels; c++)
        {
            float scale = gamma[c] / MathF.Sqrt(runningVariance[c] + epsilon);
            float shift = beta[c] - scale * runningMean[c];
            for (int p = c * positions; p < (c + 1) * positions; p++)
            {
                y[p] = scale * x[p] + shift;
            }
        }
    }

    /// <summary>
    /// Backward: <c>dγ = Σ dy x̂</c>, <c>dβ = Σ dy</c>, and, unless <paramref name="dx"/> is empty, in training
    /// (where <c>μ</c> and <c>σ²</c> depend on every input) <c>dx = γ / (N sqrt(σ² + ε)) · (N dy - Σ dy - x̂ Σ dy x̂)</c>,
    /// in inference <c>dx = γ dy / sqrt(σ² + ε)</c>.
    /// </summary>
    public static void Backward(
        ReadOnlySpan<float> normalized, ReadOnlySpan<float> gamma, ReadOnlySpan<float> inverseDeviation, ReadOnlySpan<float> dy,
        Span<float> dGamma, Span<float> dBeta, Span<float> dx, int batch, int channels, int positions, bool training)
    {
        int count = batch * positions;
        for (int c = 0; c < channels; c++)
        {
            double sumDy = 0, sumDyHat = 0;
            for (int b = 0; b < batch; b++)
            {
                int start = (b * channels + c) * positions;
                for (int p = start; p < start + positions; p++)
                {
                    sumDy += dy[p];
                    sumDyHat += (double)dy[p] * normalized[p];
                }
            }

            dGamma[c] = (float)sumDyHat;
            dBeta[c] = (float)sumDy;
            if (dx.IsEmpty)
            {
                continue;
            }

            float scale = gamma[c] * inverseDeviation[c];
            float meanDy = training ? (float)(sumDy / count) : 0f, meanDyHat = training ? (float)(sumDyHat / count) : 0f;
            for (int b = 0; b < batch; b++)
            {
                int start = (b * channels + c) * positions;
                for (int p = start; p < start + positions; p++)
                {
                    dx[p] = scale * (dy[p] - meanDy - normalized[p] * meanDyHat);
                }
            }
        }
    }
}
