using System;

namespace Butterfly.Kernels;

/// <summary>
/// Max and average pooling over square windows of <c>size</c> with <c>stride</c>, on each of <c>planes</c>
/// (samples × channels) planes of <c>H×W</c>: <c>OH = (H - size) / stride + 1</c>, likewise <c>OW</c>.
/// </summary>
public static class Pooling
{
    /// <summary><c>y[i, j] = max_{u, v &lt; size} x[i s + u, j s + v]</c>.</summary>
    public static void Max(ReadOnlySpan<float> x, Span<float> y, int planes, int height, int width, int size, int stride)
    {
        int outH = (height - size) / stride + 1, outW = (width - size) / stride + 1;
        if (size == 2 && stride == 2)
        {
            // The common 2×2 case without the general window loops; the same first-maximum rule.
            for (int row = 0; row < planes * outH; row++)
            {
                var top = x.Slice(2 * row * width, width);
                var bottom = x.Slice((2 * row + 1) * width, width);
                var output = y.Slice(row * outW, outW);
                for (int j = 0; j < outW; j++)
                {
                    output[j] = MaxOfFour(top[2 * j], top[2 * j + 1], bottom[2 * j], bottom[2 * j + 1], out _);
                }
            }

            return;
        }

        for (int plane = 0; plane < planes; plane++)
        {
            var input = x.Slice(plane * height * width, height * width);
            var output = y.Slice(plane * outH * outW, outH * outW);
            for (int i = 0; i < outH; i++)
            {
                for (int j = 0; j < outW; j++)
                {
                    output[i * outW + j] = input[ArgMax(input, width, i * stride, j * stride, size)];
                }
            }
        }
    }

    /// <summary>
    /// <c>dx[argmax of window (i, j)] += dy[i, j]</c>: the maximum is the only input of the window the output depends
    /// on (the first, in row-major order, on a tie, as forward picks). The window's argmax is found again from
    /// <paramref name="x"/>, so forward keeps no indices. Overwrites <paramref name="dx"/>.
    /// </summary>
    public static void MaxBackward(ReadOnlySpan<float> x, ReadOnlySpan<float> dy, Span<float> dx, int planes, int height, int width, int size, int stride)
    {
        int outH = (height - size) / stride + 1, outW = (width - size) / stride + 1;
        dx.Slice(0, planes * height * width).Clear();
        if (size == 2 && stride == 2)
        {
            for (int row = 0; row < planes * outH; row++)
            {
                var top = x.Slice(2 * row * width, width);
                var bottom = x.Slice((2 * row + 1) * width, width);
                var topGradient = dx.Slice(2 * row * width, width);
                var bottomGradient = dx.Slice((2 * row + 1) * width, width);
                var outputGradient = dy.Slice(row * outW, outW);
                for (int j = 0; j < outW; j++)
                {
                    MaxOfFour(top[2 * j], top[2 * j + 1], bottom[2 * j], bottom[2 * j + 1], out int which);
                    (which < 2 ? topGradient : bottomGradient)[2 * j + (which & 1)] = outputGradient[j];
                }
            }

            return;
        }

        for (int plane = 0; plane < planes; plane++)
        {
            var input = x.Slice(plane * height * width, height * width);
            var inputGradient = dx.Slice(plane * height * width, height * width);
            var outputGradient = dy.Slice(plane * outH * outW, outH * outW);
            for (int i = 0; i < outH; i++)
            {
                for (int j = 0; j < outW; j++)
                {
                    inputGradient[ArgMax(input, width, i * stride, j * stride, size)] += outputGradient[i * outW + j];
                }
            }
        }
    }

    /// <summary><c>y[i, j] = (1 / size²) Σ_{u, v &lt; size} x[i s + u, j s + v]</c>.</summary>
    public static void Average(ReadOnlySpan<float> x, Span<float> y, int planes, int height, int width, int size, int stride)
    {
        int outH = (height - size) / stride + 1, outW = (width - size) / stride + 1;
        float scale = 1f / (size * size);
        for (int plane = 0; plane < planes; plane++)
        {
            var input = x.Slice(plane * height * width, height * width);
            var output = y.Slice(plane * outH * outW, outH * outW);
            for (int i = 0; i < outH; i++)
            {
                for (int j = 0; j < outW; j++)
                {
                    float sum = 0f;
                    for (int u = 0; u < size; u++)
                    {
                        var row = input.Slice((i * stride + u) * width + j * stride, size);
                        for (int v = 0; v < size; v++)
                        {
                            sum += row[v];
                        }
                    }

                    output[i * outW + j] = sum * scale;
                }
            }
        }
    }

    /// <summary><c>dx[i s + u, j s + v] += dy[i, j] / size²</c> for every window. Overwrites <paramref name="dx"/>.</summary>
    public static void AverageBackward(ReadOnlySpan<float> dy, Span<float> dx, int planes, int height, int width, int size, int stride)
    {
        int outH = (height - size) / stride + 1, outW = (width - size) / stride + 1;
        float scale = 1f / (size * size);
        dx.Slice(0, planes * height * width).Clear();
        for (int plane = 0; plane < planes; plane++)
        {
            var inputGradient = dx.Slice(plane * height * width, height * width);
            var outputGradient = dy.Slice(plane * outH * outW, outH * outW);
            for (int i = 0; i < outH; i++)
            {
                for (int j = 0; j < outW; j++)
                {
                    float share = outputGradient[i * outW + j] * scale;
                    for (int u = 0; u < size; u++)
                    {
                        var row = inputGradient.Slice((i * stride + u) * width + j * stride, size);
                        for (int v = 0; v < size; v++)
                        {
                            row[v] += share;
                        }
                    }
                }
            }
        }
    }

    /// <summary>
    /// The first maximum of a 2×2 window read row by row, <paramref name="a"/> <paramref name="b"/> over
    /// <paramref name="c"/> <paramref name="d"/>, and which of the four it is (0 to 3), by <see cref="ArgMax"/>'s rule.
    /// </summary>
    private static float MaxOfFour(float a, float b, float c, float d, out int which)
    {
        (float max, which) = (a, 0);
        if (b > max)
        {
            (max, which) = (b, 1);
        }

        if (c > max)
        {
            (max, which) = (c, 2);
        }

        if (d > max)
        {
            (max, which) = (d, 3);
        }

        return max;
    }

    /// <summary>The index in <paramref name="plane"/> of the first maximum of the window at (<paramref name="top"/>, <paramref name="left"/>).</summary>
    private static int ArgMax(ReadOnlySpan<float> plane, int width, int top, int left, int size)
    {
        int best = top * width + left;
        float max = plane[best];
        for (int u = 0; u < size; u++)
        {
            int start = (top + u) * width + left;
            for (int v = 0; v < size; v++)
            {
                // NaN never wins a comparison, so a NaN input is passed over rather than propagated.
                if (plane[start + v] > max)
                {
                    max = plane[start + v];
                    best = start + v;
                }
            }
        }

        return best;
    }
}
