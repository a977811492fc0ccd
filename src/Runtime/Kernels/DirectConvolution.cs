using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Butterfly.Kernels;

/// <summary>
/// Convolution of one sample computed straight from the formula, for <c>Predict</c>: with stride 1 and no padding,
/// <c>y[f, i, j] = b[f] + Σ_c Σ_u Σ_v w[f, c, u, v] · x[c, i + u, j + v]</c>. Eight neighbouring outputs of a row share
/// every weight, so a vector of eight accumulators walks the taps and reads eight neighbouring inputs per tap; nothing
/// is unfolded, and the sums stay in registers until the row segment is done.
/// </summary>
/// <remarks>
/// The unfolded path (<see cref="Convolution.Forward"/>) pays for an im2col copy and a general matrix product that
/// only pay off with many samples; one small sample is dominated by that overhead. Each output is accumulated in the
/// same order (bias, then channels, rows, columns of the window) with fused multiply-adds in both the vector lanes and
/// the scalar tail, so every output element gets the same bits whichever of the two computes it.
/// </remarks>
public static class DirectConvolution
{
    /// <summary><c>y = conv(x, w) + b</c> for one sample, stride 1, no padding.</summary>
    /// <param name="x">The sample, <c>[channels × height × width]</c>.</param>
    /// <param name="weights">The filters, <c>[filters × channels × kernel × kernel]</c>.</param>
    /// <param name="bias">One per filter.</param>
    /// <param name="y">The output, <c>[filters × (height - kernel + 1) × (width - kernel + 1)]</c>.</param>
    /// <param name="channels">Input channels.</param>
    /// <param name="height">Input height, at least <paramref name="kernel"/>.</param>
    /// <param name="width">Input width, at least <paramref name="kernel"/>.</param>
    /// <param name="filters">Output channels.</param>
    /// <param name="kernel">The square window's side.</param>
    public static void Forward(
        ReadOnlySpan<float> x, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> y,
        int channels, int height, int width, int filters, int kernel)
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

        ref float input = ref MemoryMarshal.GetReference(x);
        ref float output = ref MemoryMarshal.GetReference(y);
        ref float weight = ref MemoryMarshal.GetReference(weights);
        int taps = channels * kernel * kernel;
        int vectorEnd = Vector256.IsHardwareAccelerated ? outW - outW % Vector256<float>.Count : 0;
        int f = 0;
        for (; f + FilterBlock <= filters; f += FilterBlock)
        {
            ForwardBlock(ref input, ref Unsafe.Add(ref weight, f * taps), bias.Slice(f, FilterBlock), ref Unsafe.Add(ref output, f * outH * outW), channels, height, width, kernel, vectorEnd);
        }

        for (; f < filters; f++)
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

                    sum.StoreUnsafe(ref row, (nuint)j);
                }

                for (int j = vectorEnd; j < outW; j++)
                {
                    Unsafe.Add(ref row, j) = ScalarOutput(ref input, ref filter, bias[f], channels, height, width, kernel, i, j);
                }
            }
        }
    }

    /// <summary>Filters computed together: eight independent sums keep both FMA units busy despite each sum's latency.</summary>
    private const int FilterBlock = 8;

    /// <summary>
    /// <see cref="FilterBlock"/> filters at once: each input vector, loaded once, feeds eight accumulators, one per filter;
    /// a single accumulator would wait on its own previous fused multiply-add at every tap.
    /// </summary>
    private static void ForwardBlock(
        ref float input, ref float weight, ReadOnlySpan<float> bias, ref float output, int channels, int height, int width, int kernel, int vectorEnd)
    {
        int outH = height - kernel + 1, outW = width - kernel + 1, taps = channels * kernel * kernel, plane = outH * outW;
        for (int i = 0; i < outH; i++)
        {
            for (int j = 0; j < vectorEnd; j += Vector256<float>.Count)
            {
                var s0 = Vector256.Create(bias[0]);
                var s1 = Vector256.Create(bias[1]);
                var s2 = Vector256.Create(bias[2]);
                var s3 = Vector256.Create(bias[3]);
                var s4 = Vector256.Create(bias[4]);
                var s5 = Vector256.Create(bias[5]);
                var s6 = Vector256.Create(bias[6]);
                var s7 = Vector256.Create(bias[7]);
                int tap = 0;
                for (int c = 0; c < channels; c++)
                {
                    for (int u = 0; u < kernel; u++)
                    {
                        ref float source = ref Unsafe.Add(ref input, (c * height + i + u) * width + j);
                        for (int v = 0; v < kernel; v++, tap++)
                        {
                            var xv = Vector256.LoadUnsafe(ref source, (nuint)v);
                            ref float w = ref Unsafe.Add(ref weight, tap);
                            s0 = Vector256.FusedMultiplyAdd(Vector256.Create(w), xv, s0);
                            s1 = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref w, taps)), xv, s1);
                            s2 = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref w, 2 * taps)), xv, s2);
                            s3 = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref w, 3 * taps)), xv, s3);
                            s4 = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref w, 4 * taps)), xv, s4);
                            s5 = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref w, 5 * taps)), xv, s5);
                            s6 = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref w, 6 * taps)), xv, s6);
                            s7 = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref w, 7 * taps)), xv, s7);
                        }
                    }
                }

                ref float at = ref Unsafe.Add(ref output, i * outW + j);
                s0.StoreUnsafe(ref at);
                s1.StoreUnsafe(ref at, (nuint)plane);
                s2.StoreUnsafe(ref at, (nuint)(2 * plane));
                s3.StoreUnsafe(ref at, (nuint)(3 * plane));
                s4.StoreUnsafe(ref at, (nuint)(4 * plane));
                s5.StoreUnsafe(ref at, (nuint)(5 * plane));
                s6.StoreUnsafe(ref at, (nuint)(6 * plane));
                s7.StoreUnsafe(ref at, (nuint)(7 * plane));
            }

            for (int k = 0; k < FilterBlock; k++)
            {
                for (int j = vectorEnd; j < outW; j++)
                {
                    Unsafe.Add(ref output, k * plane + i * outW + j) =
                        ScalarOutput(ref input, ref Unsafe.Add(ref weight, k * taps), bias[k], channels, height, width, kernel, i, j);
                }
            }
        }
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
