using System;
using System.ComponentModel;

namespace Butterfly.Kernels;

/// <summary>
/// Local response normalization across channels (Krizhevsky et al. 2012, with PyTorch's <c>α / n</c>) over
/// <c>x[samples × C × P]</c>: <c>s[c, p] = k + (α / n) Σ_{|c' - c| ≤ n/2} x[c', p]²</c>, <c>y = x s^-β</c>.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class LocalResponseNormalization
{
    /// <summary>Forward; keeps <c>s</c> in <paramref name="scale"/> for <see cref="Backward"/>.</summary>
    public static void Forward(
        ReadOnlySpan<float> x, Span<float> y, Span<float> scale, int samples, int channels, int positions, int size, float alpha, float beta, float k)
    {
        int half = size / 2;
        float coefficient = alpha / size;
        for (int n = 0; n < samples; n++)
        {
            int sample = n * channels * positions;
            for (int c = 0; c < channels; c++)
            {
                int first = Math.Max(0, c - half), last = Math.Min(channels - 1, c + half);
                for (int p = 0; p < positions; p++)
                {
                    float sum = 0f;
                    for (int other = first; other <= last; other++)
                    {
                        float v = x[sample + other * positions + p];
                        sum += v * v;
                    }

                    int at = sample + c * positions + p;
                    float s = k + coefficient * sum;
                    scale[at] = s;
                    y[at] = x[at] * MathF.Pow(s, -beta);
                }
            }
        }
    }

    /// <summary>
    /// Backward: <c>dx[j] = dy[j] s[j]^-β - (2αβ / n) x[j] Σ_{|c - j| ≤ n/2} dy[c] x[c] s[c]^(-β-1)</c>, since
    /// <c>∂y[c]/∂x[j] = δ_cj s[c]^-β - β x[c] s[c]^(-β-1) (2α / n) x[j]</c> for channels within reach.
    /// </summary>
    public static void Backward(
        ReadOnlySpan<float> x, ReadOnlySpan<float> scale, ReadOnlySpan<float> dy, Span<float> dx,
        int samples, int channels, int positions, int size, float alpha, float beta)
    {
        int half = size / 2;
        float coefficient = 2f * alpha * beta / size;
        for (int n = 0; n < samples; n++)
        {
            int sample = n * channels * positions;
            for (int j = 0; j < channels; j++)
            {
                int first = Math.Max(0, j - half), last = Math.Min(channels - 1, j + half);
                for (int p = 0; p < positions; p++)
                {
                    float cross = 0f;
                    for (int c = first; c <= last; c++)
                    {
                        int at = sample + c * positions + p;
                        cross += dy[at] * x[at] * MathF.Pow(scale[at], -beta - 1f);
                    }

                    int self = sample + j * positions + p;
                    dx[self] = dy[self] * MathF.Pow(scale[self], -beta) - coefficient * x[self] * cross;
                }
            }
        }
    }
}
