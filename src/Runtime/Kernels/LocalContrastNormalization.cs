using System;
using System.ComponentModel;

namespace Butterfly.Kernels;

/// <summary>
/// Local contrast normalization (Jarrett et al. 2009) of samples <c>x[C × H × W]</c> over a <c>size × size</c>
/// Gaussian window <c>g</c> (standard deviation <c>size / 4</c>, summing to 1, zero outside the image), with
/// <c>G(m)[i, j] = Σ_{p, q} g_pq m[i + p, j + q]</c>:
/// subtractive <c>v[c] = x[c] - G(Σ_c x[c]) / C</c>, then divisive <c>y[c] = v[c] / d</c> with
/// <c>σ = sqrt(G(Σ_c v[c]²) / C)</c> and <c>d[i, j] = max(mean(σ), σ[i, j], ε)</c>.
/// </summary>
/// <remarks>
/// Backward, since <c>g</c> is symmetric and so <c>G</c> is its own transpose: <c>dd = -Σ_c dy v / d²</c>; <c>dσ</c>
/// takes <c>dd</c> where <c>σ</c> won the max, and every position where the mean won adds <c>dd / HW</c> to all of
/// <c>dσ</c>; <c>dS = dσ / (2σ)</c>; <c>dv[c] = dy[c] / d + 2 v[c] G(dS) / C</c>; <c>dx[c] = dv[c] - G(Σ_c dv[c]) / C</c>.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class LocalContrastNormalization
{
    /// <summary>The floor of the divisor, so that a flat image is not divided by zero.</summary>
    public const float Epsilon = 1e-4f;

    /// <summary>
    /// Forward for <paramref name="samples"/> samples. Keeps <c>v</c> in <paramref name="centered"/>, and <c>σ</c> and
    /// <c>d</c> (one map each per sample) in <paramref name="deviation"/> and <paramref name="divisor"/>, for
    /// <see cref="Backward"/>; <paramref name="maps"/> is scratch of two maps.
    /// </summary>
    public static void Forward(
        ReadOnlySpan<float> x, Span<float> y, Span<float> centered, Span<float> deviation, Span<float> divisor, Span<float> maps,
        int samples, int channels, int height, int width, int size)
    {
        int area = height * width, length = channels * area;
        Span<float> weights = stackalloc float[size];
        Gaussian(weights);
        var sum = maps.Slice(0, area);
        var window = maps.Slice(area, area);
        for (int n = 0; n < samples; n++)
        {
            var input = x.Slice(n * length, length);
            var v = centered.Slice(n * length, length);
            var sigma = deviation.Slice(n * area, area);
            var d = divisor.Slice(n * area, area);

            // v[c] = x[c] - G(Σ_c x[c]) / C
            SumChannels(input, sum, channels, area, square: false);
            WindowSum(sum, window, height, width, weights);
            for (int c = 0; c < channels; c++)
            {
                for (int k = 0; k < area; k++)
                {
                    v[c * area + k] = input[c * area + k] - window[k] / channels;
                }
            }

            // σ = sqrt(G(Σ_c v²) / C), d = max(mean σ, σ, ε), y = v / d
            SumChannels(v, sum, channels, area, square: true);
            WindowSum(sum, sigma, height, width, weights);
            float mean = 0f;
            for (int k = 0; k < area; k++)
            {
                sigma[k] = MathF.Sqrt(Math.Max(0f, sigma[k] / channels));
                mean += sigma[k];
            }

            mean /= area;
            for (int k = 0; k < area; k++)
            {
                d[k] = Math.Max(Math.Max(mean, sigma[k]), Epsilon);
            }

            var output = y.Slice(n * length, length);
            for (int c = 0; c < channels; c++)
            {
                for (int k = 0; k < area; k++)
                {
                    output[c * area + k] = v[c * area + k] / d[k];
                }
            }
        }
    }

    /// <summary>The backward rule (see the remarks on the class); <paramref name="maps"/> is scratch of two maps.</summary>
    public static void Backward(
        ReadOnlySpan<float> centered, ReadOnlySpan<float> deviation, ReadOnlySpan<float> divisor, ReadOnlySpan<float> dy, Span<float> dx, Span<float> maps,
        int samples, int channels, int height, int width, int size)
    {
        int area = height * width, length = channels * area;
        Span<float> weights = stackalloc float[size];
        Gaussian(weights);
        var first = maps.Slice(0, area);
        var second = maps.Slice(area, area);
        for (int n = 0; n < samples; n++)
        {
            var v = centered.Slice(n * length, length);
            var sigma = deviation.Slice(n * area, area);
            var d = divisor.Slice(n * area, area);
            var outputGradient = dy.Slice(n * length, length);
            var inputGradient = dx.Slice(n * length, length);
            float mean = 0f;
            for (int k = 0; k < area; k++)
            {
                mean += sigma[k];
            }

            mean /= area;

            // dd = -Σ_c dy v / d², routed to σ where σ won the max, or spread over every σ through the mean.
            float throughMean = 0f;
            for (int k = 0; k < area; k++)
            {
                float dd = 0f;
                for (int c = 0; c < channels; c++)
                {
                    dd -= outputGradient[c * area + k] * v[c * area + k];
                }

                dd /= d[k] * d[k];
                bool sigmaWins = sigma[k] >= mean && sigma[k] >= Epsilon;
                bool meanWins = !sigmaWins && mean >= Epsilon;
                first[k] = sigmaWins ? dd : 0f;
                throughMean += meanWins ? dd : 0f;
            }

            // dS = dσ / (2σ), with σ = sqrt(S)
            for (int k = 0; k < area; k++)
            {
                float dSigma = first[k] + throughMean / area;
                first[k] = sigma[k] > 0f ? dSigma / (2f * sigma[k]) : 0f;
            }

            // dv[c] = dy[c] / d + 2 v[c] G(dS) / C, into dx
            WindowSum(first, second, height, width, weights);
            for (int c = 0; c < channels; c++)
            {
                for (int k = 0; k < area; k++)
                {
                    int at = c * area + k;
                    inputGradient[at] = outputGradient[at] / d[k] + 2f * v[at] * second[k] / channels;
                }
            }

            // dx[c] = dv[c] - G(Σ_c dv[c]) / C
            SumChannels(inputGradient, first, channels, area, square: false);
            WindowSum(first, second, height, width, weights);
            for (int c = 0; c < channels; c++)
            {
                for (int k = 0; k < area; k++)
                {
                    inputGradient[c * area + k] -= second[k] / channels;
                }
            }
        }
    }

    /// <summary>The one-dimensional factor of the window: <c>g_p ∝ exp(-p² / (2 (size/4)²))</c>, summing to 1.</summary>
    public static void Gaussian(Span<float> weights)
    {
        int half = weights.Length / 2;
        double deviation = weights.Length / 4.0, total = 0;
        for (int p = 0; p < weights.Length; p++)
        {
            total += Math.Exp(-(p - half) * (p - half) / (2 * deviation * deviation));
        }

        for (int p = 0; p < weights.Length; p++)
        {
            weights[p] = (float)(Math.Exp(-(p - half) * (p - half) / (2 * deviation * deviation)) / total);
        }
    }

    /// <summary><c>G(m)[i, j] = Σ_{p, q} g_p g_q m[i + p - r, j + q - r]</c>, zero outside the map.</summary>
    private static void WindowSum(ReadOnlySpan<float> map, Span<float> result, int height, int width, ReadOnlySpan<float> weights)
    {
        int half = weights.Length / 2;
        for (int i = 0; i < height; i++)
        {
            for (int j = 0; j < width; j++)
            {
                float total = 0f;
                for (int p = Math.Max(0, half - i); p < Math.Min(weights.Length, height + half - i); p++)
                {
                    var row = map.Slice((i + p - half) * width, width);
                    float rowTotal = 0f;
                    for (int q = Math.Max(0, half - j); q < Math.Min(weights.Length, width + half - j); q++)
                    {
                        rowTotal += weights[q] * row[j + q - half];
                    }

                    total += weights[p] * rowTotal;
                }

                result[i * width + j] = total;
            }
        }
    }

    private static void SumChannels(ReadOnlySpan<float> values, Span<float> sum, int channels, int area, bool square)
    {
        sum.Clear();
        for (int c = 0; c < channels; c++)
        {
            for (int k = 0; k < area; k++)
            {
                float value = values[c * area + k];
                sum[k] += square ? value * value : value;
            }
        }
    }
}
