using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Butterfly.Kernels;

/// <summary>
/// Convolution of one sample computed straight from the formula, for <c>Predict</c> and, sample by sample, for
/// training: with stride 1 and no padding, <c>y[f, i, j] = b[f] + Σ_c Σ_u Σ_v w[f, c, u, v] · x[c, i + u, j + v]</c>.
/// Eight neighbouring outputs of a row share
/// every weight, so a vector of eight accumulators walks the taps and reads eight neighbouring inputs per tap. A tile
/// of four filters and two rows keeps eight such vectors: each tap loads two input vectors and four weights for eight
/// fused multiply-adds. Nothing is unfolded, and the sums stay in registers until the tile is done.
/// </summary>
/// <remarks>
/// The unfolded path (<see cref="Convolution.Forward"/>) pays for an im2col copy and a general matrix product that
/// only pay off with many samples; one small sample is dominated by that overhead. Each output is accumulated in the
/// same order (bias, then channels, rows, columns of the window) with fused multiply-adds in both the vector lanes and
/// the scalar tail, so every output element gets the same bits whichever of the two computes it. That lets the tiles
/// cover ragged edges by overlapping: the last tile of a row, of a plane's rows or of the filters starts early enough to
/// end at the edge, and writes again, with the same bits, outputs an earlier tile wrote.
/// </remarks>
public static unsafe class DirectConvolution
{
    /// <summary>
    /// <c>y = conv(x, w) + b</c> for one sample, stride 1, no padding; with <paramref name="rectify"/>, <c>max(0, ·)</c> of
    /// that, applied as each output is stored (the bits of <see cref="Activations.ReLU"/> run afterwards).
    /// </summary>
    /// <param name="x">The sample, <c>[channels × height × width]</c>.</param>
    /// <param name="weights">The filters, <c>[filters × channels × kernel × kernel]</c>.</param>
    /// <param name="bias">One per filter.</param>
    /// <param name="y">The output, <c>[filters × (height - kernel + 1) × (width - kernel + 1)]</c>.</param>
    /// <param name="channels">Input channels.</param>
    /// <param name="height">Input height, at least <paramref name="kernel"/>.</param>
    /// <param name="width">Input width, at least <paramref name="kernel"/>.</param>
    /// <param name="filters">Output channels.</param>
    /// <param name="kernel">The square window's side.</param>
    /// <param name="rectify">Whether a ReLU follows, fused into the stores: <c>Predict</c> passes it for a ReLU layer next.</param>
    public static void Forward(
        ReadOnlySpan<float> x, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> y,
        int channels, int height, int width, int filters, int kernel, bool rectify = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(filters);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(kernel);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, kernel);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, kernel);
        int outH = height - kernel + 1, outW = width - kernel + 1;
        Arguments.HasLength(x, channels * height * width, nameof(x));
        Arguments.HasLength(weights, filters * channels * kernel * kernel, nameof(weights));
        Arguments.HasLength(bias, filters, nameof(bias));
        Arguments.HasLength(y, filters * outH * outW, nameof(y));

        if (Vector256.IsHardwareAccelerated && filters >= TileFilters && outH >= TileRows && outW >= Vector256<float>.Count)
        {
            fixed (float* px = x, pw = weights, pb = bias, py = y)
            {
                Tiles(px, pw, pb, py, new ConvolutionShape(channels, height, width, filters, kernel), rectify);
            }

            return;
        }

        ref float input = ref MemoryMarshal.GetReference(x);
        ref float output = ref MemoryMarshal.GetReference(y);
        ref float weight = ref MemoryMarshal.GetReference(weights);
        int taps = channels * kernel * kernel;
        int vectorEnd = Vector256.IsHardwareAccelerated ? outW - outW % Vector256<float>.Count : 0;
        for (int f = 0; f < filters; f++)
        {
            ref float filter = ref Unsafe.Add(ref weight, f * taps);
            for (int i = 0; i < outH; i++)
            {
                ref float row = ref Unsafe.Add(ref output, (f * outH + i) * outW);
                for (int j = 0; j < vectorEnd; j += Vector256<float>.Count)
                {
                    var sum = Vector256.Create(bias[f]);
                    int tap = 0;
                    for (int c = 0; c < channels; c++)
                    {
                        for (int u = 0; u < kernel; u++)
                        {
                            ref float source = ref Unsafe.Add(ref input, (c * height + i + u) * width + j);
                            for (int v = 0; v < kernel; v++, tap++)
                            {
                                sum = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref filter, tap)), Vector256.LoadUnsafe(ref source, (nuint)v), sum);
                            }
                        }
                    }

                    (rectify ? Vector256.Max(sum, Vector256<float>.Zero) : sum).StoreUnsafe(ref row, (nuint)j);
                }

                for (int j = vectorEnd; j < outW; j++)
                {
                    float sum = ScalarOutput(ref input, ref filter, bias[f], channels, height, width, kernel, i, j);
                    Unsafe.Add(ref row, j) = rectify ? MathF.Max(sum, 0f) : sum;
                }
            }
        }
    }

    /// <summary>Filters per tile.</summary>
    private const int TileFilters = 4;

    /// <summary>Output rows per tile, at least: planes whose height three divides take tiles of three rows.</summary>
    private const int TileRows = 2;

    /// <summary>
    /// Every output in tiles of <see cref="TileFilters"/> filters × two or three rows × eight columns; the last tile of
    /// each direction starts early so as to end at the edge (at least one whole tile fits, as the caller checks).
    /// Three rows load three input vectors and four weights for twelve fused multiply-adds, against six loads for eight
    /// with two; they are used where they tile the plane's height exactly, as overlapping tiles would redo a row.
    /// </summary>
    private static unsafe void Tiles(float* x, float* weights, float* bias, float* y, ConvolutionShape shape, bool rectify)
    {
        if (shape.OutH % 3 == 0)
        {
            Tiles<Three>(x, weights, bias, y, shape, rectify);
        }
        else
        {
            Tiles<Two>(x, weights, bias, y, shape, rectify);
        }
    }

    private static unsafe void Tiles<TRows>(float* x, float* weights, float* bias, float* y, ConvolutionShape shape, bool rectify)
        where TRows : struct, IConstant
    {
        int outH = shape.OutH, outW = shape.OutW, taps = shape.Window, filters = shape.Filters, plane = outH * outW, width = Vector256<float>.Count;
        for (int f0 = 0; f0 < filters; f0 += TileFilters)
        {
            int f = Math.Min(f0, filters - TileFilters);
            for (int i0 = 0; i0 < outH; i0 += TRows.Value)
            {
                int i = Math.Min(i0, outH - TRows.Value);
                for (int j0 = 0; j0 < outW; j0 += width)
                {
                    int j = Math.Min(j0, outW - width);
                    Tile<TRows>(x + i * shape.Width + j, weights + f * taps, bias + f, y + f * plane + i * outW + j, shape, rectify);
                }
            }
        }
    }

    /// <summary>
    /// One tile: outputs <c>(f + k, i + r, j .. j + 8)</c> for k &lt; 4, r &lt; <typeparamref name="TRows"/>, from
    /// <paramref name="x"/> at <c>(0, i, j)</c>, <paramref name="weights"/> and <paramref name="bias"/> at filter <c>f</c>,
    /// and <paramref name="y"/> at the tile's first output, rectified if <paramref name="rectify"/>. Kept small so that
    /// its sums stay in registers.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static unsafe void Tile<TRows>(float* x, float* weights, float* bias, float* y, ConvolutionShape shape, bool rectify)
        where TRows : struct, IConstant
    {
        int taps = shape.Window, width = shape.Width, kernel = shape.Kernel, plane = shape.Pixels;
        float* w1 = weights + taps, w2 = weights + 2 * taps, w3 = weights + 3 * taps;
        Vector256<float> a0 = Vector256.Create(bias[0]), a1 = Vector256.Create(bias[1]), a2 = Vector256.Create(bias[2]), a3 = Vector256.Create(bias[3]);
        Vector256<float> b0 = a0, b1 = a1, b2 = a2, b3 = a3;
        Vector256<float> c0 = a0, c1 = a1, c2 = a2, c3 = a3;
        bool third = TRows.Value > 2;
        int tap = 0;
        for (int ch = 0; ch < shape.Channels; ch++)
        {
            for (int u = 0; u < kernel; u++)
            {
                float* top = x + (ch * shape.Height + u) * width;
                for (int v = 0; v < kernel; v++, tap++)
                {
                    var p = Vector256.Load(top + v);
                    var q = Vector256.Load(top + width + v);
                    var r = third ? Vector256.Load(top + 2 * width + v) : default;
                    var k = Vector256.Create(weights[tap]);
                    a0 = Vector256.FusedMultiplyAdd(k, p, a0);
                    b0 = Vector256.FusedMultiplyAdd(k, q, b0);
                    if (third)
                    {
                        c0 = Vector256.FusedMultiplyAdd(k, r, c0);
                    }

                    k = Vector256.Create(w1[tap]);
                    a1 = Vector256.FusedMultiplyAdd(k, p, a1);
                    b1 = Vector256.FusedMultiplyAdd(k, q, b1);
                    if (third)
                    {
                        c1 = Vector256.FusedMultiplyAdd(k, r, c1);
                    }

                    k = Vector256.Create(w2[tap]);
                    a2 = Vector256.FusedMultiplyAdd(k, p, a2);
                    b2 = Vector256.FusedMultiplyAdd(k, q, b2);
                    if (third)
                    {
                        c2 = Vector256.FusedMultiplyAdd(k, r, c2);
                    }

                    k = Vector256.Create(w3[tap]);
                    a3 = Vector256.FusedMultiplyAdd(k, p, a3);
                    b3 = Vector256.FusedMultiplyAdd(k, q, b3);
                    if (third)
                    {
                        c3 = Vector256.FusedMultiplyAdd(k, r, c3);
                    }
                }
            }
        }

        int outW = shape.OutW;
        StoreRow(y, plane, a0, a1, a2, a3, rectify);
        StoreRow(y + outW, plane, b0, b1, b2, b3, rectify);
        if (third)
        {
            StoreRow(y + 2 * outW, plane, c0, c1, c2, c3, rectify);
        }
    }

    /// <summary>Stores one row of a tile: the four filters' vectors, a plane apart, rectified if <paramref name="rectify"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void StoreRow(
        float* y, int plane, Vector256<float> s0, Vector256<float> s1, Vector256<float> s2, Vector256<float> s3, bool rectify)
    {
        if (rectify)
        {
            var zero = Vector256<float>.Zero;
            (s0, s1, s2, s3) = (Vector256.Max(s0, zero), Vector256.Max(s1, zero), Vector256.Max(s2, zero), Vector256.Max(s3, zero));
        }

        s0.Store(y);
        s1.Store(y + plane);
        s2.Store(y + 2 * plane);
        s3.Store(y + 3 * plane);
    }

    /// <summary>One output from the formula, in the order the vector lanes use, with the same fused multiply-adds.</summary>
    private static float ScalarOutput(ref float input, ref float filter, float bias, int channels, int height, int width, int kernel, int i, int j)
    {
        float sum = bias;
        int tap = 0;
        for (int c = 0; c < channels; c++)
        {
            for (int u = 0; u < kernel; u++)
            {
                ref float source = ref Unsafe.Add(ref input, (c * height + i + u) * width + j);
                for (int v = 0; v < kernel; v++, tap++)
                {
                    sum = MathF.FusedMultiplyAdd(Unsafe.Add(ref filter, tap), Unsafe.Add(ref source, v), sum);
                }
            }
        }

        return sum;
    }
}
