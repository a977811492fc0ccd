using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Butterfly.Kernels;

/// <summary>
/// The weight gradient of a stride-1, unpadded convolution computed straight from the formula over a few samples:
/// <c>dW[f, c, u, v] = Σ_n Σ_i Σ_j dy[n, f, i, j] · x[n, c, i + u, j + v]</c>. Eight neighbouring outputs of a row
/// share the window offset (u, v), so eight lanes accumulate eight terms at a time, and eight filters share each
/// input vector; the lanes are summed once at the end. Nothing is unfolded.
/// </summary>
/// <remarks>
/// Inputs with a multiple of eight channels go to <see cref="ChannelsLastWeightGradient"/>, whose vectors hold channels
/// instead of columns. Each sum runs over (n, i, j) in the same order whoever calls it: the vector lanes take columns
/// <c>j ≡ lane (mod 8)</c> of the row's whole vectors, the leftover columns are summed in order, and the result is
/// <c>Σ lanes + leftover</c>.
/// </remarks>
public static class DirectWeightGradient
{
    /// <summary>Filters computed together, as in <see cref="DirectConvolution"/>.</summary>
    private const int FilterBlock = 8;

    /// <summary>
    /// <c>dW = Σ_n dy[n] ⋆ x[n]</c> over <paramref name="samples"/> samples; overwrites <paramref name="dWeights"/>.
    /// </summary>
    /// <param name="x">The samples' inputs, <c>[samples × channels × height × width]</c>.</param>
    /// <param name="dy">The samples' output gradients, <c>[samples × filters × (height - kernel + 1) × (width - kernel + 1)]</c>.</param>
    /// <param name="dWeights">The weight gradient, <c>[filters × channels × kernel × kernel]</c>.</param>
    /// <param name="samples">How many samples.</param>
    /// <param name="channels">Input channels.</param>
    /// <param name="height">Input height, at least <paramref name="kernel"/>.</param>
    /// <param name="width">Input width, at least <paramref name="kernel"/>.</param>
    /// <param name="filters">Output channels.</param>
    /// <param name="kernel">The square window's side.</param>
    public static unsafe void Compute(
        ReadOnlySpan<float> x, ReadOnlySpan<float> dy, Span<float> dWeights, int samples, int channels, int height, int width, int filters, int kernel)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(samples);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(filters);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(kernel);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, kernel);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, kernel);
        var shape = new ConvolutionShape(channels, height, width, filters, kernel);
        Arguments.HasLength(x, samples * shape.InLength, nameof(x));
        Arguments.HasLength(dy, samples * shape.OutLength, nameof(dy));
        Arguments.HasLength(dWeights, filters * shape.Window, nameof(dWeights));

        if (ChannelsLastWeightGradient.Takes(shape))
        {
            fixed (float* px = x, pdy = dy, pw = dWeights)
            {
                ChannelsLastWeightGradient.Compute(px, pdy, pw, samples, shape);
            }

            return;
        }

        ref float input = ref MemoryMarshal.GetReference(x);
        ref float gradient = ref MemoryMarshal.GetReference(dy);
        ref float result = ref MemoryMarshal.GetReference(dWeights);
        int f = 0;
        if (Simd.Path != SimdPath.VectorT && Vector256.IsHardwareAccelerated)
        {
            for (; f + FilterBlock <= filters; f += FilterBlock)
            {
                for (int tap = 0; tap < shape.Window; tap++)
                {
                    Block(ref input, ref Unsafe.Add(ref gradient, f * shape.Pixels), ref Unsafe.Add(ref result, f * shape.Window + tap), samples, shape, tap);
                }
            }
        }

        for (; f < filters; f++)
        {
            for (int tap = 0; tap < shape.Window; tap++)
            {
                Unsafe.Add(ref result, f * shape.Window + tap) = Single(ref input, ref Unsafe.Add(ref gradient, f * shape.Pixels), samples, shape, tap);
            }
        }
    }

    /// <summary>
    /// Tap <paramref name="tap"/> = (c, u, v) of <see cref="FilterBlock"/> filters: each input vector
    /// <c>x[n, c, i + u, j + v .. + 8]</c>, loaded once, meets the eight filters' <c>dy[n, f, i, j .. + 8]</c>.
    /// </summary>
    private static void Block(ref float input, ref float gradient, ref float result, int samples, ConvolutionShape shape, int tap)
    {
        var (c, u, v) = shape.Split(tap);
        int outH = shape.OutH, outW = shape.OutW, inLength = shape.InLength, outLength = shape.OutLength;
        int vectorEnd = outW - outW % Vector256<float>.Count, stride = shape.Pixels;
        var s0 = Vector256<float>.Zero;
        var s1 = Vector256<float>.Zero;
        var s2 = Vector256<float>.Zero;
        var s3 = Vector256<float>.Zero;
        var s4 = Vector256<float>.Zero;
        var s5 = Vector256<float>.Zero;
        var s6 = Vector256<float>.Zero;
        var s7 = Vector256<float>.Zero;
        Span<float> leftover = stackalloc float[FilterBlock];
        leftover.Clear();
        for (int n = 0; n < samples; n++)
        {
            ref float plane = ref Unsafe.Add(ref input, n * inLength + (c * shape.Height + u) * shape.Width + v);
            ref float outputs = ref Unsafe.Add(ref gradient, n * outLength);
            for (int i = 0; i < outH; i++)
            {
                ref float source = ref Unsafe.Add(ref plane, i * shape.Width);
                ref float dyRow = ref Unsafe.Add(ref outputs, i * outW);
                for (int j = 0; j < vectorEnd; j += Vector256<float>.Count)
                {
                    var xv = Vector256.LoadUnsafe(ref source, (nuint)j);
                    ref float d = ref Unsafe.Add(ref dyRow, j);
                    s0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref d), xv, s0);
                    s1 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref d, (nuint)stride), xv, s1);
                    s2 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref d, (nuint)(2 * stride)), xv, s2);
                    s3 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref d, (nuint)(3 * stride)), xv, s3);
                    s4 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref d, (nuint)(4 * stride)), xv, s4);
                    s5 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref d, (nuint)(5 * stride)), xv, s5);
                    s6 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref d, (nuint)(6 * stride)), xv, s6);
                    s7 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref d, (nuint)(7 * stride)), xv, s7);
                }

                for (int j = vectorEnd; j < outW; j++)
                {
                    float xs = Unsafe.Add(ref source, j);
                    for (int k = 0; k < FilterBlock; k++)
                    {
                        leftover[k] = MathF.FusedMultiplyAdd(Unsafe.Add(ref dyRow, k * stride + j), xs, leftover[k]);
                    }
                }
            }
        }

        int taps = shape.Window;
        result = Vector256.Sum(s0) + leftover[0];
        Unsafe.Add(ref result, taps) = Vector256.Sum(s1) + leftover[1];
        Unsafe.Add(ref result, 2 * taps) = Vector256.Sum(s2) + leftover[2];
        Unsafe.Add(ref result, 3 * taps) = Vector256.Sum(s3) + leftover[3];
        Unsafe.Add(ref result, 4 * taps) = Vector256.Sum(s4) + leftover[4];
        Unsafe.Add(ref result, 5 * taps) = Vector256.Sum(s5) + leftover[5];
        Unsafe.Add(ref result, 6 * taps) = Vector256.Sum(s6) + leftover[6];
        Unsafe.Add(ref result, 7 * taps) = Vector256.Sum(s7) + leftover[7];
    }

    /// <summary>Tap <paramref name="tap"/> of one filter, in plain order: the filters left over after the blocks, or every filter without vectors.</summary>
    private static float Single(ref float input, ref float gradient, int samples, ConvolutionShape shape, int tap)
    {
        var (c, u, v) = shape.Split(tap);
        int outH = shape.OutH, outW = shape.OutW;
        float sum = 0f;
        for (int n = 0; n < samples; n++)
        {
            ref float plane = ref Unsafe.Add(ref input, n * shape.InLength + (c * shape.Height + u) * shape.Width + v);
            ref float outputs = ref Unsafe.Add(ref gradient, n * shape.OutLength);
            for (int i = 0; i < outH; i++)
            {
                for (int j = 0; j < outW; j++)
                {
                    sum = MathF.FusedMultiplyAdd(Unsafe.Add(ref outputs, i * outW + j), Unsafe.Add(ref plane, i * shape.Width + j), sum);
                }
            }
        }

        return sum;
    }
}
