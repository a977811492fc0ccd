using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Butterfly.Kernels;

/// <summary>
/// One band of output rows of a channels-last convolution (<see cref="ChannelsLast.Convolve"/>): output pixel
/// <c>(i, j)</c> is stored at <c>((i + p)(OW + 2p) + j + p) F</c> and its window starts at padded input pixel
/// <c>(i, j)</c>, <c>(i (W + 2p) + j) C</c> floats in; tap <c>(c, u, v)</c> reads <c>(u (W + 2p) + v) C + c</c> floats
/// from there (<see cref="TapOffsets"/>). Each row is cut into tiles of neighbouring pixels across whole vectors of
/// filters (512-bit: <see cref="ChannelsLastTiles512"/>; 256-bit: <see cref="ChannelsLastTiles256"/>), all of one size,
/// the last starting early enough to end at the row's edge and rewriting, with the same bits, what the one before
/// wrote; the portable path sums each output in plain loops. Every path sums an output as
/// <see cref="DirectConvolution"/> does: the bias, then a fused multiply-add per tap in the order channels, window
/// rows, window columns; the padding's taps read the zero border, as the direct kernels read their padded copy. A
/// residual, if any, is added to the finished sum before the ReLU, as a separate <see cref="ChannelsLast.Add"/> would.
/// </summary>
internal static unsafe class ChannelsLastConvolution
{
    /// <summary>
    /// The most pixels of a 512-bit tile of 16 filters (28 sums), of 32 filters (28 sums), and of 16 filters a 3 × 3
    /// window row at a time (14 sums and three weight vectors, which leaves registers for the broadcasts).
    /// </summary>
    private const int MostPixels16 = 28, MostPixels32 = 14, MostWindowRowPixels = 14;

    /// <summary>What a band's tiles read and write; passed by reference, so the dispatch takes one argument.</summary>
    private struct Band
    {
        /// <summary>Padded input row 0 (for a band of <see cref="ChannelsLast.ConvolvePlanes"/>, where its buffer would put it).</summary>
        public float* X;

        /// <summary>The filters tap-major, <c>[taps × F]</c>, or (portable path) as given, <c>[F × taps]</c>.</summary>
        public float* Weights;

        public float* Bias;

        /// <summary>The output, border included.</summary>
        public float* Y;

        public int* Offsets;

        /// <summary>Floats from an output to the residual added to it (<see cref="ChannelsLast.Convolve"/>); 0 for none.</summary>
        public nint ToResidual;

        public int Channels, Filters, Taps, OutW, InRow, OutRow, Padding, First, End, Pixels;
        public bool Rectify;

        /// <summary>Where output row <paramref name="i"/>'s windows start.</summary>
        public readonly float* Input(int i) => X + (long)i * InRow;

        /// <summary>Where output row <paramref name="i"/>'s first inside output goes.</summary>
        public readonly float* Output(int i) => Y + (long)(i + Padding) * OutRow + Padding * Filters;
    }

    /// <summary>
    /// Output rows [<paramref name="first"/>, <paramref name="end"/>) of <paramref name="shape"/>, read from the padded
    /// channels-last input whose row 0 is at <paramref name="x"/>, stored inside <paramref name="y"/>'s border; with a
    /// <paramref name="residual"/> (an image laid out as <paramref name="y"/>, or null), each output is the sum plus the
    /// residual's element at the same place, then rectified.
    /// </summary>
    public static void Rows(float* x, float* weights, float* bias, float* y, float* residual, ConvolutionShape shape, bool rectify, int first, int end)
    {
        if (first >= end)
        {
            return;
        }

        int padded = shape.Width + 2 * shape.Padding;
        var band = new Band
        {
            X = x,
            Weights = Simd.Path == SimdPath.VectorT ? weights : DirectConvolution.TapMajor(weights, shape),
            Bias = bias,
            Y = y,
            Offsets = TapOffsets(shape.Channels, padded, shape.Kernel),
            ToResidual = residual == null ? 0 : (nint)(residual - y),
            Channels = shape.Channels,
            Filters = shape.Filters,
            Taps = shape.Window,
            OutW = shape.OutW,
            InRow = padded * shape.Channels,
            OutRow = (shape.OutW + 2 * shape.Padding) * shape.Filters,
            Padding = shape.Padding,
            First = first,
            End = end,
            Rectify = rectify,
        };
        switch (Simd.Path)
        {
            case SimdPath.Vector512 when TakesWindowRows(shape):
                band.Pixels = Cut(shape.OutW, MostWindowRowPixels);
                Strides<WindowRowTile512>(ref band);
                break;
            case SimdPath.Vector512 when TakesPairs(shape):
                band.Pixels = Cut(shape.OutW, MostPixels32);
                Strides<PairTile512>(ref band);
                break;
            case SimdPath.Vector512:
                band.Pixels = Cut(shape.OutW, MostPixels16);
                Strides<Tile512>(ref band);
                break;
            case SimdPath.Vector256:
                band.Pixels = Cut(shape.OutW, ChannelsLastTiles256.MostPixels);
                Strides<Tile256>(ref band);
                break;
            default:
                Portable(band);
                break;
        }
    }

    /// <summary>
    /// Whether the 512-bit tiles take 32 filters (two weight vectors a tap, one broadcast for two multiply-adds) rather
    /// than 16: the filters in whole pairs of vectors and rows of at most 14 outputs, where a 16-filter tile would hold
    /// 14 sums or fewer.
    /// </summary>
    private static bool TakesPairs(ConvolutionShape shape) => shape.Filters % 32 == 0 && shape.OutW <= MostPixels32;

    /// <summary>
    /// Whether the 512-bit tiles walk a 3 × 3 window a row at a time (<see cref="ChannelsLastTiles512.WindowRows16"/>):
    /// where the 32-filter tiles do not apply, as each input then feeds up to three multiply-adds for one load. Measured
    /// on the 2-vCPU Zen 5 host (W8's layers in one process, alternated): 16 → 16 filters on 28 × 28 in 18.4 us against
    /// 24.7 for the 28-pixel tiles on one thread, 11.9-12.3 against 15.7-16.2 on two.
    /// </summary>
    private static bool TakesWindowRows(ConvolutionShape shape) => shape.Kernel == 3 && !TakesPairs(shape);

    /// <summary>The size of a row's tiles: as few as hold <paramref name="width"/> pixels at <paramref name="most"/> each, all of one size.</summary>
    private static int Cut(int width, int most)
    {
        int tiles = (width + most - 1) / most;
        return (width + tiles - 1) / tiles;
    }

    [ThreadStatic]
    private static int[]? t_tapOffsets;

    [ThreadStatic]
    private static (int Channels, int PaddedWidth, int Kernel) t_tapOffsetsFor;

    /// <summary>This thread's table of where each tap <c>(c, u, v)</c> reads from a window's first float, <c>(u (W + 2p) + v) C + c</c>.</summary>
    private static int* TapOffsets(int channels, int paddedWidth, int kernel)
    {
        int taps = channels * kernel * kernel;
        var key = (channels, paddedWidth, kernel);
        if (t_tapOffsets is null || t_tapOffsets.Length < taps)
        {
            t_tapOffsets = GC.AllocateUninitializedArray<int>(taps, pinned: true);
            t_tapOffsetsFor = default;
        }

        int* offsets = (int*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(t_tapOffsets));
        if (t_tapOffsetsFor != key)
        {
            int tap = 0;
            for (int c = 0; c < channels; c++)
            {
                for (int u = 0; u < kernel; u++)
                {
                    for (int v = 0; v < kernel; v++)
                    {
                        offsets[tap++] = (u * paddedWidth + v) * channels + c;
                    }
                }
            }

            t_tapOffsetsFor = key;
        }

        return offsets;
    }

    /// <summary>One tile kind: how many filters it covers, and one call of it for a tile of <c>TPixels</c> pixels.</summary>
    private interface ITile
    {
        static abstract int Filters { get; }

        static abstract void Compute<TPixels, TStride>(float* x, in Band band, float* weights, float* bias, float* y)
            where TPixels : struct, IConstant
            where TStride : struct, IConstant;
    }

    private struct Tile512 : ITile
    {
        public static int Filters => 16;

        public static void Compute<TPixels, TStride>(float* x, in Band band, float* weights, float* bias, float* y)
            where TPixels : struct, IConstant
            where TStride : struct, IConstant =>
            ChannelsLastTiles512.Filters16<TPixels, TStride>(x, band.Channels, weights, bias, band.Filters, band.Taps, band.Offsets, y, band.ToResidual, band.Rectify);
    }

    private struct PairTile512 : ITile
    {
        public static int Filters => 32;

        public static void Compute<TPixels, TStride>(float* x, in Band band, float* weights, float* bias, float* y)
            where TPixels : struct, IConstant
            where TStride : struct, IConstant =>
            ChannelsLastTiles512.Filters32<TPixels, TStride>(x, band.Channels, weights, bias, band.Filters, band.Taps, band.Offsets, y, band.ToResidual, band.Rectify);
    }

    private struct WindowRowTile512 : ITile
    {
        public static int Filters => 16;

        public static void Compute<TPixels, TStride>(float* x, in Band band, float* weights, float* bias, float* y)
            where TPixels : struct, IConstant
            where TStride : struct, IConstant =>
            ChannelsLastTiles512.WindowRows16<TPixels, TStride>(x, band.Channels, band.InRow, weights, bias, band.Filters, y, band.ToResidual, band.Rectify);
    }

    private struct Tile256 : ITile
    {
        public static int Filters => 16;

        public static void Compute<TPixels, TStride>(float* x, in Band band, float* weights, float* bias, float* y)
            where TPixels : struct, IConstant
            where TStride : struct, IConstant =>
            ChannelsLastTiles256.Filters16<TPixels, TStride>(x, band.Channels, weights, bias, band.Filters, band.Taps, band.Offsets, y, band.ToResidual, band.Rectify);
    }

    /// <summary>The band's rows in tiles of <typeparamref name="TTile"/>, the input's pixel stride a constant where it is a common channel count.</summary>
    private static void Strides<TTile>(ref Band band)
        where TTile : struct, ITile
    {
        switch (band.Channels)
        {
            case 1:
                Pixels<TTile, One>(ref band);
                break;
            case 3:
                Pixels<TTile, Three>(ref band);
                break;
            case 16:
                Pixels<TTile, Sixteen>(ref band);
                break;
            case 32:
                Pixels<TTile, ThirtyTwo>(ref band);
                break;
            case 64:
                Pixels<TTile, SixtyFour>(ref band);
                break;
            default:
                Pixels<TTile, Zero>(ref band);
                break;
        }
    }

    /// <summary>The band's rows in tiles of <see cref="Band.Pixels"/> pixels, a constant (each tile kind is given at most its own maximum).</summary>
    private static void Pixels<TTile, TStride>(ref Band band)
        where TTile : struct, ITile
        where TStride : struct, IConstant
    {
        switch (band.Pixels)
        {
            case 28: Rows<TTile, Plus<Fourteen, Fourteen>, TStride>(band); break;
            case 27: Rows<TTile, Plus<Fourteen, Thirteen>, TStride>(band); break;
            case 26: Rows<TTile, Plus<Fourteen, Twelve>, TStride>(band); break;
            case 25: Rows<TTile, Plus<Fourteen, Eleven>, TStride>(band); break;
            case 24: Rows<TTile, Plus<Fourteen, Ten>, TStride>(band); break;
            case 23: Rows<TTile, Plus<Fourteen, Nine>, TStride>(band); break;
            case 22: Rows<TTile, Plus<Fourteen, Eight>, TStride>(band); break;
            case 21: Rows<TTile, Plus<Fourteen, Seven>, TStride>(band); break;
            case 20: Rows<TTile, Plus<Fourteen, Six>, TStride>(band); break;
            case 19: Rows<TTile, Plus<Fourteen, Five>, TStride>(band); break;
            case 18: Rows<TTile, Plus<Fourteen, Four>, TStride>(band); break;
            case 17: Rows<TTile, Plus<Fourteen, Three>, TStride>(band); break;
            case 16: Rows<TTile, Sixteen, TStride>(band); break;
            case 15: Rows<TTile, Plus<Fourteen, One>, TStride>(band); break;
            case 14: Rows<TTile, Fourteen, TStride>(band); break;
            case 13: Rows<TTile, Thirteen, TStride>(band); break;
            case 12: Rows<TTile, Twelve, TStride>(band); break;
            case 11: Rows<TTile, Eleven, TStride>(band); break;
            case 10: Rows<TTile, Ten, TStride>(band); break;
            case 9: Rows<TTile, Nine, TStride>(band); break;
            case 8: Rows<TTile, Eight, TStride>(band); break;
            case 7: Rows<TTile, Seven, TStride>(band); break;
            case 6: Rows<TTile, Six, TStride>(band); break;
            case 5: Rows<TTile, Five, TStride>(band); break;
            case 4: Rows<TTile, Four, TStride>(band); break;
            case 3: Rows<TTile, Three, TStride>(band); break;
            case 2: Rows<TTile, Two, TStride>(band); break;
            default: Rows<TTile, One, TStride>(band); break;
        }
    }

    /// <summary>The band's rows cut into tiles of <typeparamref name="TPixels"/> pixels, the last ending at the row's edge, across the filters.</summary>
    private static void Rows<TTile, TPixels, TStride>(in Band band)
        where TTile : struct, ITile
        where TPixels : struct, IConstant
        where TStride : struct, IConstant
    {
        int filters = band.Filters, channels = band.Channels;
        for (int i = band.First; i < band.End; i++)
        {
            float* input = band.Input(i), output = band.Output(i);
            for (int j0 = 0; j0 < band.OutW; j0 += TPixels.Value)
            {
                int j = Math.Min(j0, band.OutW - TPixels.Value);
                float* origin = input + j * channels, to = output + j * filters;
                for (int f = 0; f < filters; f += TTile.Filters)
                {
                    TTile.Compute<TPixels, TStride>(origin, band, band.Weights + f, band.Bias + f, to + f);
                }
            }
        }
    }

    /// <summary>The portable path: each output from the formula, one fused multiply-add per tap in the tiles' order.</summary>
    private static void Portable(in Band band)
    {
        int filters = band.Filters, channels = band.Channels, taps = band.Taps;
        for (int i = band.First; i < band.End; i++)
        {
            float* input = band.Input(i), output = band.Output(i);
            for (int j = 0; j < band.OutW; j++)
            {
                float* origin = input + j * channels, to = output + j * filters;
                for (int f = 0; f < filters; f++)
                {
                    float* w = band.Weights + f * taps;
                    float sum = band.Bias[f];
                    for (int tap = 0; tap < taps; tap++)
                    {
                        sum = MathF.FusedMultiplyAdd(w[tap], origin[band.Offsets[tap]], sum);
                    }

                    if (band.ToResidual != 0)
                    {
                        sum += to[f + band.ToResidual];
                    }

                    to[f] = band.Rectify ? MathF.Max(sum, 0f) : sum;
                }
            }
        }
    }
}
