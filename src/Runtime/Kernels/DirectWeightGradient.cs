using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Butterfly.Kernels;

/// <summary>
/// The weight gradient of a stride-1, unpadded convolution computed straight from the formula over a few samples:
/// <c>dW[f, c, u, v] = Σ_n Σ_i Σ_j dy[n, f, i, j] · x[n, c, i + u, j + v]</c>. Eight neighbouring outputs of a row
/// share the window offset (u, v), so eight lanes accumulate eight terms at a time. Four filters and three taps go
/// together: three input vectors and four output-gradient vectors, each loaded once, make twelve fused multiply-adds
/// into twelve sums (enough independent chains to keep both FMA pipes busy; eight took a fifth longer on the bench
/// LeNet's first layer), whose lanes are added once at the end. Nothing is unfolded.
/// </summary>
/// <remarks>
/// Inputs with a multiple of eight channels go to <see cref="ChannelsLastWeightGradient"/>, whose vectors hold channels
/// instead of columns; rows of at least sixteen outputs on the 512-bit path go to <see cref="Block512"/>, which has no
/// leftover columns. Each sum runs over (n, i, j) in the same order whoever calls it: the vector lanes take columns
/// <c>j ≡ lane (mod 8)</c> of the row's whole vectors, the leftover columns are summed in order, and the result is
/// <c>Σ lanes + leftover</c>.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static partial class DirectWeightGradient
{
    /// <summary>Filters computed together: each output-gradient vector, loaded once, meets <see cref="TapBlock"/> taps.</summary>
    private const int FilterBlock = 4;

    /// <summary>Taps computed together: each input vector, loaded once, meets <see cref="FilterBlock"/> filters.</summary>
    private const int TapBlock = 3;

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

        fixed (float* px = x, pdy = dy, pw = dWeights)
        {
            if (ChannelsLastWeightGradient.Takes(shape))
            {
                ChannelsLastWeightGradient.Compute(px, pdy, pw, samples, shape, padding: 0);
                return;
            }

            if (Simd.Path == SimdPath.VectorT || !Vector256.IsHardwareAccelerated || shape.OutW < Vector256<float>.Count)
            {
                // Every term in plain order.
                for (int f = 0; f < filters; f++)
                {
                    for (int tap = 0; tap < shape.Window; tap++)
                    {
                        pw[f * shape.Window + tap] = Columns(px + Offset(shape, tap), pdy + f * shape.Pixels, samples, shape, 0);
                    }
                }

                return;
            }

            // A block reaching past the last filter or tap repeats the last one and leaves the copy unstored.
            bool wide = TakesWideRows(shape);
            for (int f = 0; f < filters; f += FilterBlock)
            {
                for (int tap = 0; tap < shape.Window; tap += TapBlock)
                {
                    if (wide)
                    {
                        Block512(px, pdy, pw, samples, shape, f, tap);
                    }
                    else
                    {
                        Block(px, pdy, pw, samples, shape, f, tap);
                    }
                }
            }
        }
    }

    /// <summary>
    /// Taps [<paramref name="tap"/>, + <see cref="TapBlock"/>) of filters [<paramref name="filter"/>, + <see cref="FilterBlock"/>):
    /// twelve sums of eight lanes from <see cref="Rows"/>, then each one's lanes added together, plus the columns after
    /// the rows' last whole vector (<see cref="Columns"/>).
    /// </summary>
    private static unsafe void Block(float* x, float* dy, float* dWeights, int samples, ConvolutionShape shape, int filter, int tap)
    {
        int pixels = shape.Pixels, window = shape.Window;
        Span<int> offsets = stackalloc int[TapBlock];
        var steps = BlockSteps(shape, filter, tap, offsets);
        int vectorEnd = shape.OutW - shape.OutW % Vector256<float>.Count;
        var sums = default(WeightGradientSums<Vector256<float>>);
        Rows(x + offsets[0], dy + filter * pixels, steps, samples, shape, vectorEnd, ref sums);
        for (int k = 0; k < FilterBlock && filter + k < shape.Filters; k++)
        {
            for (int t = 0; t < TapBlock && tap + t < window; t++)
            {
                float sum = Vector256.Sum(sums[k * TapBlock + t]);
                if (vectorEnd < shape.OutW)
                {
                    sum += Columns(x + offsets[t], dy + (filter + k) * pixels, samples, shape, vectorEnd);
                }

                dWeights[(filter + k) * window + tap + t] = sum;
            }
        }
    }

    /// <summary>
    /// A block's sums over its samples' rows: the three taps' input vectors <c>x[n, c, i + u, j + v .. + 8]</c>, each
    /// loaded once, meet each of the four filters' <c>dy[n, f, i, j .. + 8]</c>. Kept small so that the sums stay in
    /// registers.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static unsafe void Rows(float* x, float* dy, Steps steps, int samples, ConvolutionShape shape, int vectorEnd, ref WeightGradientSums<Vector256<float>> sums)
    {
        nint x1 = steps.Tap, x2 = steps.Tap2, d1 = steps.Filter1, d2 = steps.Filter2, d3 = steps.Filter3;
        int rows = shape.OutH, width = shape.Width, outW = shape.OutW;
        Vector256<float> s00 = default, s01 = default, s02 = default, s10 = default, s11 = default, s12 = default;
        Vector256<float> s20 = default, s21 = default, s22 = default, s30 = default, s31 = default, s32 = default;
        for (int n = 0; n < samples; n++)
        {
            float* source = x + (nint)n * shape.InLength, gradient = dy + (nint)n * shape.OutLength;
            for (int i = 0; i < rows; i++, source += width, gradient += outW)
            {
                for (int j = 0; j < vectorEnd; j += Vector256<float>.Count)
                {
                    var a = Vector256.Load(source + j);
                    var b = Vector256.Load(source + x1 + j);
                    var c = Vector256.Load(source + x2 + j);
                    float* d = gradient + j;
                    var g = Vector256.Load(d);
                    s00 = Vector256.FusedMultiplyAdd(g, a, s00);
                    s01 = Vector256.FusedMultiplyAdd(g, b, s01);
                    s02 = Vector256.FusedMultiplyAdd(g, c, s02);
                    g = Vector256.Load(d + d1);
                    s10 = Vector256.FusedMultiplyAdd(g, a, s10);
                    s11 = Vector256.FusedMultiplyAdd(g, b, s11);
                    s12 = Vector256.FusedMultiplyAdd(g, c, s12);
                    g = Vector256.Load(d + d2);
                    s20 = Vector256.FusedMultiplyAdd(g, a, s20);
                    s21 = Vector256.FusedMultiplyAdd(g, b, s21);
                    s22 = Vector256.FusedMultiplyAdd(g, c, s22);
                    g = Vector256.Load(d + d3);
                    s30 = Vector256.FusedMultiplyAdd(g, a, s30);
                    s31 = Vector256.FusedMultiplyAdd(g, b, s31);
                    s32 = Vector256.FusedMultiplyAdd(g, c, s32);
                }
            }
        }

        (sums[0], sums[1], sums[2], sums[3], sums[4], sums[5]) = (s00, s01, s02, s10, s11, s12);
        (sums[6], sums[7], sums[8], sums[9], sums[10], sums[11]) = (s20, s21, s22, s30, s31, s32);
    }

    /// <summary>
    /// One filter's terms, for the tap <paramref name="x"/> starts at, from output column <paramref name="first"/> on,
    /// in (n, i, j) order: the columns after the rows' last whole vector, or, from 0, the whole sum without vectors.
    /// </summary>
    private static unsafe float Columns(float* x, float* dy, int samples, ConvolutionShape shape, int first)
    {
        float sum = 0f;
        for (int n = 0; n < samples; n++)
        {
            float* source = x + (nint)n * shape.InLength, gradient = dy + (nint)n * shape.OutLength;
            for (int i = 0; i < shape.OutH; i++)
            {
                for (int j = first; j < shape.OutW; j++)
                {
                    sum = MathF.FusedMultiplyAdd(gradient[i * shape.OutW + j], source[i * shape.Width + j], sum);
                }
            }
        }

        return sum;
    }

    /// <summary>
    /// Where a block's taps start reading a sample (into <paramref name="offsets"/>), and the steps from its first tap
    /// and first filter to the others; taps and filters past the last repeat the last.
    /// </summary>
    private static Steps BlockSteps(ConvolutionShape shape, int filter, int tap, Span<int> offsets)
    {
        int lastFilter = shape.Filters - 1, pixels = shape.Pixels, window = shape.Window;
        for (int t = 0; t < TapBlock; t++)
        {
            offsets[t] = Offset(shape, Math.Min(tap + t, window - 1));
        }

        return new Steps(
            offsets[1] - offsets[0],
            offsets[2] - offsets[0],
            (Math.Min(filter + 1, lastFilter) - filter) * pixels,
            (Math.Min(filter + 2, lastFilter) - filter) * pixels,
            (Math.Min(filter + 3, lastFilter) - filter) * pixels);
    }

    /// <summary>Where tap (c, u, v) starts reading a sample: <c>(c H + u) W + v</c>.</summary>
    private static int Offset(ConvolutionShape shape, int tap)
    {
        var (c, u, v) = shape.Split(tap);
        return (c * shape.Height + u) * shape.Width + v;
    }

    /// <summary>Offsets from a block's first tap to its second and third, and from its first filter's output gradient to the others'.</summary>
    private readonly record struct Steps(nint Tap, nint Tap2, nint Filter1, nint Filter2, nint Filter3);
}
