using System;
using System.ComponentModel;
using System.Numerics.Tensors;

namespace Butterfly.Kernels;

/// <summary>
/// Max and average pooling over square windows of <c>size</c> with <c>stride</c>, on each of <c>planes</c>
/// (samples × channels) planes of <c>H×W</c>: <c>OH = (H - size) / stride + 1</c>, likewise <c>OW</c>.
/// </summary>
/// <remarks>
/// 2×2 windows with stride 2, the common case, go to <see cref="Pooling2x2"/>, which computes the same bits eight
/// windows at a time. A window's maximum is its first in row-major order: a later input replaces the maximum so far
/// only if strictly greater, so a tie (<c>-0</c> against <c>+0</c> included) keeps the earlier input and a NaN is
/// passed over unless it comes first.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static unsafe class Pooling
{
    /// <summary><c>y[i, j] = max_{u, v &lt; size} x[i s + u, j s + v]</c>.</summary>
    public static void Max(ReadOnlySpan<float> x, Span<float> y, int planes, int height, int width, int size, int stride)
    {
        var (outH, outW) = CheckArguments(planes, height, width, size, stride);
        Arguments.HasLength(x, planes * height * width, nameof(x));
        Arguments.HasLength(y, planes * outH * outW, nameof(y));
        if (KernelChoice.PoolsTwoByTwo(size, stride))
        {
            fixed (float* px = x, py = y)
            {
                SplitJob.Run(&MaxPlanes, planes, height * width, px, py, null, height, width);
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
        var (outH, outW) = CheckArguments(planes, height, width, size, stride);
        Arguments.HasLength(x, planes * height * width, nameof(x));
        Arguments.HasLength(dy, planes * outH * outW, nameof(dy));
        Arguments.HasLength(dx, planes * height * width, nameof(dx));
        if (KernelChoice.PoolsTwoByTwo(size, stride))
        {
            fixed (float* px = x, pdy = dy, pdx = dx)
            {
                SplitJob.Run(&MaxBackwardPlanes, planes, 2 * height * width, px, pdy, pdx, height, width);
            }

            return;
        }

        dx.Clear();
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

    /// <summary>
    /// The backward rules of a max pooling and of the ReLU before it, in one pass:
    /// <c>dx = [x &gt; 0] ⊙ MaxBackward(x, dy)</c>, where <paramref name="x"/>, the pooling's input, is the ReLU's output.
    /// The bits are those of <see cref="MaxBackward"/> followed by <see cref="Activations.ReLUBackward"/>; the gradient
    /// between the two never goes through memory.
    /// </summary>
    public static void MaxBackwardThroughReLU(ReadOnlySpan<float> x, ReadOnlySpan<float> dy, Span<float> dx, int planes, int height, int width, int size, int stride)
    {
        if (!KernelChoice.PoolsTwoByTwo(size, stride))
        {
            MaxBackward(x, dy, dx, planes, height, width, size, stride);
            Activations.ReLUBackward(x, dx, dx);
            return;
        }

        var (outH, outW) = CheckArguments(planes, height, width, size, stride);
        Arguments.HasLength(x, planes * height * width, nameof(x));
        Arguments.HasLength(dy, planes * outH * outW, nameof(dy));
        Arguments.HasLength(dx, planes * height * width, nameof(dx));
        fixed (float* px = x, pdy = dy, pdx = dx)
        {
            SplitJob.Run(&MaxBackwardThroughReLUPlanes, planes, 2 * height * width, px, pdy, pdx, height, width);
        }
    }

    /// <summary>Global average pooling: <c>y[p] = (1 / n) Σ_i x[p, i]</c> over each of <paramref name="planes"/> planes of <paramref name="pixels"/>.</summary>
    public static void GlobalAverage(ReadOnlySpan<float> x, Span<float> y, int planes, int pixels)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pixels);
        Arguments.HasLength(x, planes * pixels, nameof(x));
        Arguments.HasLength(y, planes, nameof(y));
        float scale = 1f / pixels;
        for (int p = 0; p < planes; p++)
        {
            y[p] = TensorPrimitives.Sum(x.Slice(p * pixels, pixels)) * scale;
        }
    }

    /// <summary>The backward rule of <see cref="GlobalAverage"/>: <c>dx[p, i] = dy[p] / n</c>.</summary>
    public static void GlobalAverageBackward(ReadOnlySpan<float> dy, Span<float> dx, int planes, int pixels)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pixels);
        Arguments.HasLength(dy, planes, nameof(dy));
        Arguments.HasLength(dx, planes * pixels, nameof(dx));
        float scale = 1f / pixels;
        for (int p = 0; p < planes; p++)
        {
            dx.Slice(p * pixels, pixels).Fill(dy[p] * scale);
        }
    }

    /// <summary><c>y[i, j] = (1 / size²) Σ_{u, v &lt; size} x[i s + u, j s + v]</c>.</summary>
    public static void Average(ReadOnlySpan<float> x, Span<float> y, int planes, int height, int width, int size, int stride)
    {
        var (outH, outW) = CheckArguments(planes, height, width, size, stride);
        Arguments.HasLength(x, planes * height * width, nameof(x));
        Arguments.HasLength(y, planes * outH * outW, nameof(y));
        if (KernelChoice.PoolsTwoByTwo(size, stride))
        {
            fixed (float* px = x, py = y)
            {
                SplitJob.Run(&AveragePlanes, planes, height * width, px, py, null, height, width);
            }

            return;
        }

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
        var (outH, outW) = CheckArguments(planes, height, width, size, stride);
        Arguments.HasLength(dy, planes * outH * outW, nameof(dy));
        Arguments.HasLength(dx, planes * height * width, nameof(dx));
        if (KernelChoice.PoolsTwoByTwo(size, stride))
        {
            fixed (float* pdy = dy, pdx = dx)
            {
                SplitJob.Run(&AverageBackwardPlanes, planes, height * width, pdy, pdx, null, height, width);
            }

            return;
        }

        float scale = 1f / (size * size);
        dx.Clear();
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

    // The 2×2 bodies of the split jobs: planes [from, to) of A (and B, C), each plane H×W in, (H/2)×(W/2) out.
    private static void MaxPlanes(SplitJob job, int from, int to) =>
        Pooling2x2.Max(ref *In(job, job.A, from), ref *Out(job, job.B, from), to - from, job.Height, job.Width);

    private static void MaxBackwardPlanes(SplitJob job, int from, int to) =>
        Pooling2x2.MaxBackward(ref *In(job, job.A, from), ref *Out(job, job.B, from), ref *In(job, job.C, from), to - from, job.Height, job.Width);

    private static void MaxBackwardThroughReLUPlanes(SplitJob job, int from, int to) =>
        Pooling2x2.MaxBackward(ref *In(job, job.A, from), ref *Out(job, job.B, from), ref *In(job, job.C, from), to - from, job.Height, job.Width, rectify: true);

    private static void AveragePlanes(SplitJob job, int from, int to) =>
        Pooling2x2.Average(ref *In(job, job.A, from), ref *Out(job, job.B, from), to - from, job.Height, job.Width);

    private static void AverageBackwardPlanes(SplitJob job, int from, int to) =>
        Pooling2x2.AverageBackward(ref *Out(job, job.A, from), ref *In(job, job.B, from), to - from, job.Height, job.Width);

    private static float* In(SplitJob job, float* planes, int plane) => planes + (long)plane * job.Height * job.Width;

    private static float* Out(SplitJob job, float* planes, int plane) => planes + (long)plane * (job.Height / 2) * (job.Width / 2);

    /// <summary>Checks the shape and returns the output's <c>(OH, OW)</c>.</summary>
    private static (int OutH, int OutW) CheckArguments(int planes, int height, int width, int size, int stride)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(planes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stride);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, size);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, size);
        return ((height - size) / stride + 1, (width - size) / stride + 1);
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
