using System;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Butterfly.Kernels;

/// <summary>
/// The 512-bit tiles across filters of <see cref="DirectConvolution"/>: one vector holds an output pixel for sixteen
/// filters, so no lane is wasted whatever the width of a row, where the run tiles (<see cref="WideTiles"/>) also compute
/// the lanes past each row's end (2 of every 30 for a 28-wide row padded by one, 2 of every 16 for a 14-wide one) and
/// broadcast a weight per filter and tap.
/// A tile is up to fourteen neighbouring outputs of a row (the last tile of a row starts early enough to end at the
/// edge) for 32 filters, or, for a 3×3 window, for 16: each input is broadcast once and multiplied by a vector of
/// sixteen weights read from a tap-major copy of the filters (<c>[taps × filters]</c>, made per call with 16×16
/// transpositions). The sums are transposed back in registers and stored with masked stores, a filter's plane at a time.
/// </summary>
/// <remarks>
/// The 32-filter tile keeps 28 sums and, per tap, loads two weight vectors for 28 fused multiply-adds. With sixteen
/// filters that would be one load per multiply-add, so the 16-filter tile walks a 3×3 window a row at a time instead:
/// it loads that row's three weight vectors and broadcasts each input once for up to three outputs (columns
/// <c>j</c>, <c>j - 1</c>, <c>j - 2</c> with window columns 0, 1, 2), which keeps each output's sum in the order of the
/// formula. Every output is accumulated as in the other tiles (bias, channels, window rows, window columns, with fused
/// multiply-adds), so it has their bits. Measured on the 2-vCPU Zen 5 host, one thread, whole calls alternated in one
/// process: 16 → 16 filters on 28 × 28 in 22.5 us against 26.4 for the run tiles, 16 → 32 on 14 × 14 in 11.2 against
/// 13.4, 32 → 32 on 14 × 14 in 21.2 against 26.1 (161-170 GFLOP/s against 135-138; tiles alone, 172-196).
/// </remarks>
public static unsafe partial class DirectConvolution
{
    /// <summary>The most neighbouring outputs of a row one tile across filters holds: 28 sums for 32 filters.</summary>
    private const int FilterTilePixels = 14;

    /// <summary>The fewest outputs a row must have for tiles across filters (a tile then holds 7 to 14).</summary>
    private const int FilterTileMinimumPixels = 7;

    /// <summary>
    /// The fewest input channels for the 16-filter tiles: with fewer, a tile has too few taps to pay for the transposition
    /// of its sums, and the run tiles are as fast or faster (one thread, 3 × 3 on 28 × 28: 1 channel 2.5 against 2.9 us,
    /// 2 channels 3.7 against 4.0, 3 channels level). The 32-filter tiles pay at any count (2 → 32 on 14 × 14: 2.2 us
    /// against 2.6; 1 → 32 on 28 × 28: 6.1 against 6.7).
    /// </summary>
    private const int FilterTileMinimumChannels = 4;

    [ThreadStatic]
    private static AlignedFloats t_tapMajor;

    /// <summary>
    /// Whether the tiles across filters compute this call: AVX-512 in force, no pooling, rows of at least seven outputs,
    /// and filters in whole pairs of vectors or, for a 3×3 window and at least four channels, whole vectors.
    /// </summary>
    private static bool TakesFilterTiles(ConvolutionShape shape, Targets targets) =>
        Simd.Path == SimdPath.Vector512 && targets.Pooled == null && shape.OutW >= FilterTileMinimumPixels
        && (InPairs(shape) || (shape.Filters % Wide == 0 && shape.Kernel == 3 && shape.Channels >= FilterTileMinimumChannels));

    /// <summary>Whether the filters come in whole pairs of vectors, which the 32-filter tiles take; else the 16-filter ones do.</summary>
    private static bool InPairs(ConvolutionShape shape) => shape.Filters % (2 * Wide) == 0;

    /// <summary>
    /// Every output in tiles across filters: rows cut into as few tiles of at most <see cref="FilterTilePixels"/>
    /// outputs as they need, all of one size (28 outputs: two of 14; 20: two of 10), so that the last overlaps least.
    /// </summary>
    private static void FilterTiles(float* x, float* weights, float* bias, ConvolutionShape shape, Targets targets)
    {
        int tiles = (shape.OutW + FilterTilePixels - 1) / FilterTilePixels;
        switch ((shape.OutW + tiles - 1) / tiles)
        {
            case 14:
                FilterTiles<Fourteen>(x, weights, bias, shape, targets);
                break;
            case 13:
                FilterTiles<Thirteen>(x, weights, bias, shape, targets);
                break;
            case 12:
                FilterTiles<Twelve>(x, weights, bias, shape, targets);
                break;
            case 11:
                FilterTiles<Eleven>(x, weights, bias, shape, targets);
                break;
            case 10:
                FilterTiles<Ten>(x, weights, bias, shape, targets);
                break;
            case 9:
                FilterTiles<Nine>(x, weights, bias, shape, targets);
                break;
            case 8:
                FilterTiles<Eight>(x, weights, bias, shape, targets);
                break;
            default:
                FilterTiles<Seven>(x, weights, bias, shape, targets);
                break;
        }
    }

    private static void FilterTiles<TPixels>(float* x, float* weights, float* bias, ConvolutionShape shape, Targets targets)
        where TPixels : struct, IConstant
    {
        Debug.Assert(shape.OutW >= TPixels.Value && TPixels.Value >= FilterTileMinimumPixels);
        float* tapMajor = TapMajor(weights, shape);
        int* offsets = TapOffsets(shape);
        int filters = shape.Filters, plane = targets.PlaneOf(shape);
        bool pairs = InPairs(shape);
        for (int i = 0; i < shape.OutH; i++)
        {
            for (int j0 = 0; j0 < shape.OutW; j0 += TPixels.Value)
            {
                int j = Math.Min(j0, shape.OutW - TPixels.Value);
                float* origin = x + i * shape.Width + j;
                for (int f = 0; f < filters; f += pairs ? 2 * Wide : Wide)
                {
                    var tile = targets.At(shape, f, i, pool: false).Moved(j);
                    if (pairs)
                    {
                        PairTile<TPixels>(origin, tapMajor + f, bias + f, filters, shape.Window, offsets, tile, plane);
                    }
                    else
                    {
                        WindowRowTile<TPixels>(origin, tapMajor + f, bias + f, filters, shape.Channels, offsets, tile, plane);
                    }
                }
            }
        }
    }

    /// <summary>
    /// The filters tap-major, <c>[taps × filters]</c>, in this thread's buffer on a 64-byte line, valid until the
    /// thread's next call: with AVX-512 and whole sixteens of filters, sixteen filters by sixteen taps at a time, loaded
    /// (masked past the last tap), transposed in registers and stored whole (the buffer has room for the taps rounded
    /// up to sixteen; rows past the last tap hold zeros no tile reads); else one float at a time. The channels-last
    /// tiles (<see cref="ChannelsLast.Convolve"/>) read the same copy.
    /// </summary>
    internal static float* TapMajor(float* weights, ConvolutionShape shape)
    {
        int taps = shape.Window, filters = shape.Filters;
        int length = (taps + Wide - 1) / Wide * Wide * filters;
        if (t_tapMajor.Length < length)
        {
            t_tapMajor = new AlignedFloats(length);
        }

        float* tapMajor = (float*)Unsafe.AsPointer(ref MemoryMarshal.GetReference(t_tapMajor.Span));
        if (!Avx512F.IsSupported || filters % Wide != 0)
        {
            for (int f = 0; f < filters; f++)
            {
                for (int t = 0; t < taps; t++)
                {
                    tapMajor[t * filters + f] = weights[f * taps + t];
                }
            }

            return tapMajor;
        }

        for (int f = 0; f < filters; f += Wide)
        {
            float* rows = weights + f * taps;
            for (int t = 0; t < taps; t += Wide)
            {
                int count = Math.Min(Wide, taps - t);
                var mask = Vector512.LessThan(Vector512<int>.Indices, Vector512.Create(count)).AsSingle();
                float* at = rows + t;
                var r0 = Avx512F.MaskLoad(at, mask, Vector512<float>.Zero);
                var r1 = Avx512F.MaskLoad(at + 1 * taps, mask, Vector512<float>.Zero);
                var r2 = Avx512F.MaskLoad(at + 2 * taps, mask, Vector512<float>.Zero);
                var r3 = Avx512F.MaskLoad(at + 3 * taps, mask, Vector512<float>.Zero);
                var r4 = Avx512F.MaskLoad(at + 4 * taps, mask, Vector512<float>.Zero);
                var r5 = Avx512F.MaskLoad(at + 5 * taps, mask, Vector512<float>.Zero);
                var r6 = Avx512F.MaskLoad(at + 6 * taps, mask, Vector512<float>.Zero);
                var r7 = Avx512F.MaskLoad(at + 7 * taps, mask, Vector512<float>.Zero);
                var r8 = Avx512F.MaskLoad(at + 8 * taps, mask, Vector512<float>.Zero);
                var r9 = Avx512F.MaskLoad(at + 9 * taps, mask, Vector512<float>.Zero);
                var r10 = Avx512F.MaskLoad(at + 10 * taps, mask, Vector512<float>.Zero);
                var r11 = Avx512F.MaskLoad(at + 11 * taps, mask, Vector512<float>.Zero);
                var r12 = Avx512F.MaskLoad(at + 12 * taps, mask, Vector512<float>.Zero);
                var r13 = Avx512F.MaskLoad(at + 13 * taps, mask, Vector512<float>.Zero);
                var r14 = Avx512F.MaskLoad(at + 14 * taps, mask, Vector512<float>.Zero);
                var r15 = Avx512F.MaskLoad(at + 15 * taps, mask, Vector512<float>.Zero);
                Transposition16.InPlace(ref r0, ref r1, ref r2, ref r3, ref r4, ref r5, ref r6, ref r7, ref r8, ref r9, ref r10, ref r11, ref r12, ref r13, ref r14, ref r15);
                float* to = tapMajor + t * filters + f;
                Store(to, filters, Vector512<float>.AllBitsSet, r0, r1, r2, r3, r4, r5, r6, r7, r8, r9, r10, r11, r12, r13, r14, r15);
            }
        }

        return tapMajor;
    }

    /// <summary>
    /// Outputs <c>(f .. f + 31, i, j .. j + P - 1)</c> from the window at <paramref name="x"/>, walking the taps of
    /// <paramref name="tapOffsets"/>: per tap, two weight vectors and one broadcast per output.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void PairTile<TPixels>(float* x, float* tapMajor, float* bias, int filters, int taps, int* tapOffsets, Targets targets, int plane)
        where TPixels : struct, IConstant
    {
        var bias0 = Vector512.Load(bias);
        var bias1 = Vector512.Load(bias + Wide);
        Vector512<float> s0 = bias0, s1 = bias0, s2 = bias0, s3 = bias0, s4 = bias0, s5 = bias0, s6 = bias0,
            s7 = bias0, s8 = bias0, s9 = bias0, s10 = bias0, s11 = bias0, s12 = bias0, s13 = bias0;
        Vector512<float> t0 = bias1, t1 = bias1, t2 = bias1, t3 = bias1, t4 = bias1, t5 = bias1, t6 = bias1,
            t7 = bias1, t8 = bias1, t9 = bias1, t10 = bias1, t11 = bias1, t12 = bias1, t13 = bias1;
        for (int tap = 0; tap < taps; tap++)
        {
            float* input = x + tapOffsets[tap];
            float* w = tapMajor + tap * filters;
            var k0 = Vector512.Load(w);
            var k1 = Vector512.Load(w + Wide);
            var q0 = Vector512.Create(input[0]);
            s0 = Vector512.FusedMultiplyAdd(k0, q0, s0);
            t0 = Vector512.FusedMultiplyAdd(k1, q0, t0);
            var q1 = Vector512.Create(input[1]);
            s1 = Vector512.FusedMultiplyAdd(k0, q1, s1);
            t1 = Vector512.FusedMultiplyAdd(k1, q1, t1);
            var q2 = Vector512.Create(input[2]);
            s2 = Vector512.FusedMultiplyAdd(k0, q2, s2);
            t2 = Vector512.FusedMultiplyAdd(k1, q2, t2);
            var q3 = Vector512.Create(input[3]);
            s3 = Vector512.FusedMultiplyAdd(k0, q3, s3);
            t3 = Vector512.FusedMultiplyAdd(k1, q3, t3);
            var q4 = Vector512.Create(input[4]);
            s4 = Vector512.FusedMultiplyAdd(k0, q4, s4);
            t4 = Vector512.FusedMultiplyAdd(k1, q4, t4);
            var q5 = Vector512.Create(input[5]);
            s5 = Vector512.FusedMultiplyAdd(k0, q5, s5);
            t5 = Vector512.FusedMultiplyAdd(k1, q5, t5);
            var q6 = Vector512.Create(input[6]);
            s6 = Vector512.FusedMultiplyAdd(k0, q6, s6);
            t6 = Vector512.FusedMultiplyAdd(k1, q6, t6);

            if (TPixels.Value > 7)
            {
                var q7 = Vector512.Create(input[7]);
                s7 = Vector512.FusedMultiplyAdd(k0, q7, s7);
                t7 = Vector512.FusedMultiplyAdd(k1, q7, t7);
            }

            if (TPixels.Value > 8)
            {
                var q8 = Vector512.Create(input[8]);
                s8 = Vector512.FusedMultiplyAdd(k0, q8, s8);
                t8 = Vector512.FusedMultiplyAdd(k1, q8, t8);
            }

            if (TPixels.Value > 9)
            {
                var q9 = Vector512.Create(input[9]);
                s9 = Vector512.FusedMultiplyAdd(k0, q9, s9);
                t9 = Vector512.FusedMultiplyAdd(k1, q9, t9);
            }

            if (TPixels.Value > 10)
            {
                var q10 = Vector512.Create(input[10]);
                s10 = Vector512.FusedMultiplyAdd(k0, q10, s10);
                t10 = Vector512.FusedMultiplyAdd(k1, q10, t10);
            }

            if (TPixels.Value > 11)
            {
                var q11 = Vector512.Create(input[11]);
                s11 = Vector512.FusedMultiplyAdd(k0, q11, s11);
                t11 = Vector512.FusedMultiplyAdd(k1, q11, t11);
            }

            if (TPixels.Value > 12)
            {
                var q12 = Vector512.Create(input[12]);
                s12 = Vector512.FusedMultiplyAdd(k0, q12, s12);
                t12 = Vector512.FusedMultiplyAdd(k1, q12, t12);
            }

            if (TPixels.Value > 13)
            {
                var q13 = Vector512.Create(input[13]);
                s13 = Vector512.FusedMultiplyAdd(k0, q13, s13);
                t13 = Vector512.FusedMultiplyAdd(k1, q13, t13);
            }
        }

        Store(targets, plane, TPixels.Value, s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, s11, s12, s13);
        Store(targets.Moved(Wide * plane), plane, TPixels.Value, t0, t1, t2, t3, t4, t5, t6, t7, t8, t9, t10, t11, t12, t13);
    }

    /// <summary>
    /// Outputs <c>(f .. f + 15, i, j .. j + P - 1)</c> of a 3×3 window at <paramref name="x"/>, a window row at a time:
    /// input column <c>m</c> of the row is broadcast once and feeds outputs <c>m</c>, <c>m - 1</c> and <c>m - 2</c> with
    /// the window's columns 0, 1 and 2, so each output still takes its taps in the formula's order.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void WindowRowTile<TPixels>(float* x, float* tapMajor, float* bias, int filters, int channels, int* tapOffsets, Targets targets, int plane)
        where TPixels : struct, IConstant
    {
        var b = Vector512.Load(bias);
        Vector512<float> s0 = b, s1 = b, s2 = b, s3 = b, s4 = b, s5 = b, s6 = b,
            s7 = b, s8 = b, s9 = b, s10 = b, s11 = b, s12 = b, s13 = b;
        // One loop over the window rows of every channel, each starting where tap (c, u, 0) reads.
        int windowRows = channels * 3, rowWeights = 3 * filters;
        for (int row = 0; row < windowRows; row++)
        {
            float* input = x + tapOffsets[3 * row];
            float* w = tapMajor + row * rowWeights;
            var k0 = Vector512.Load(w);
            var k1 = Vector512.Load(w + filters);
            var k2 = Vector512.Load(w + 2 * filters);
            var q0 = Vector512.Create(input[0]);
            s0 = Vector512.FusedMultiplyAdd(k0, q0, s0);
            var q1 = Vector512.Create(input[1]);
            s1 = Vector512.FusedMultiplyAdd(k0, q1, s1);
            s0 = Vector512.FusedMultiplyAdd(k1, q1, s0);
            var q2 = Vector512.Create(input[2]);
            s2 = Vector512.FusedMultiplyAdd(k0, q2, s2);
            s1 = Vector512.FusedMultiplyAdd(k1, q2, s1);
            s0 = Vector512.FusedMultiplyAdd(k2, q2, s0);
            var q3 = Vector512.Create(input[3]);
            s3 = Vector512.FusedMultiplyAdd(k0, q3, s3);
            s2 = Vector512.FusedMultiplyAdd(k1, q3, s2);
            s1 = Vector512.FusedMultiplyAdd(k2, q3, s1);
            var q4 = Vector512.Create(input[4]);
            s4 = Vector512.FusedMultiplyAdd(k0, q4, s4);
            s3 = Vector512.FusedMultiplyAdd(k1, q4, s3);
            s2 = Vector512.FusedMultiplyAdd(k2, q4, s2);
            var q5 = Vector512.Create(input[5]);
            s5 = Vector512.FusedMultiplyAdd(k0, q5, s5);
            s4 = Vector512.FusedMultiplyAdd(k1, q5, s4);
            s3 = Vector512.FusedMultiplyAdd(k2, q5, s3);
            var q6 = Vector512.Create(input[6]);
            s6 = Vector512.FusedMultiplyAdd(k0, q6, s6);
            s5 = Vector512.FusedMultiplyAdd(k1, q6, s5);
            s4 = Vector512.FusedMultiplyAdd(k2, q6, s4);
            var q7 = Vector512.Create(input[7]);
            if (TPixels.Value > 7)
            {
                s7 = Vector512.FusedMultiplyAdd(k0, q7, s7);
            }

            s6 = Vector512.FusedMultiplyAdd(k1, q7, s6);
            s5 = Vector512.FusedMultiplyAdd(k2, q7, s5);
            var q8 = Vector512.Create(input[8]);
            if (TPixels.Value > 8)
            {
                s8 = Vector512.FusedMultiplyAdd(k0, q8, s8);
            }

            if (TPixels.Value > 7)
            {
                s7 = Vector512.FusedMultiplyAdd(k1, q8, s7);
            }

            s6 = Vector512.FusedMultiplyAdd(k2, q8, s6);

            if (TPixels.Value > 7)
            {
                var q9 = Vector512.Create(input[9]);
                if (TPixels.Value > 9)
                {
                    s9 = Vector512.FusedMultiplyAdd(k0, q9, s9);
                }

                if (TPixels.Value > 8)
                {
                    s8 = Vector512.FusedMultiplyAdd(k1, q9, s8);
                }

                s7 = Vector512.FusedMultiplyAdd(k2, q9, s7);
            }

            if (TPixels.Value > 8)
            {
                var q10 = Vector512.Create(input[10]);
                if (TPixels.Value > 10)
                {
                    s10 = Vector512.FusedMultiplyAdd(k0, q10, s10);
                }

                if (TPixels.Value > 9)
                {
                    s9 = Vector512.FusedMultiplyAdd(k1, q10, s9);
                }

                s8 = Vector512.FusedMultiplyAdd(k2, q10, s8);
            }

            if (TPixels.Value > 9)
            {
                var q11 = Vector512.Create(input[11]);
                if (TPixels.Value > 11)
                {
                    s11 = Vector512.FusedMultiplyAdd(k0, q11, s11);
                }

                if (TPixels.Value > 10)
                {
                    s10 = Vector512.FusedMultiplyAdd(k1, q11, s10);
                }

                s9 = Vector512.FusedMultiplyAdd(k2, q11, s9);
            }

            if (TPixels.Value > 10)
            {
                var q12 = Vector512.Create(input[12]);
                if (TPixels.Value > 12)
                {
                    s12 = Vector512.FusedMultiplyAdd(k0, q12, s12);
                }

                if (TPixels.Value > 11)
                {
                    s11 = Vector512.FusedMultiplyAdd(k1, q12, s11);
                }

                s10 = Vector512.FusedMultiplyAdd(k2, q12, s10);
            }

            if (TPixels.Value > 11)
            {
                var q13 = Vector512.Create(input[13]);
                if (TPixels.Value > 13)
                {
                    s13 = Vector512.FusedMultiplyAdd(k0, q13, s13);
                }

                if (TPixels.Value > 12)
                {
                    s12 = Vector512.FusedMultiplyAdd(k1, q13, s12);
                }

                s11 = Vector512.FusedMultiplyAdd(k2, q13, s11);
            }

            if (TPixels.Value > 12)
            {
                var q14 = Vector512.Create(input[14]);
                if (TPixels.Value > 13)
                {
                    s13 = Vector512.FusedMultiplyAdd(k1, q14, s13);
                }

                s12 = Vector512.FusedMultiplyAdd(k2, q14, s12);
            }

            if (TPixels.Value > 13)
            {
                var q15 = Vector512.Create(input[15]);
                s13 = Vector512.FusedMultiplyAdd(k2, q15, s13);
            }
        }

        Store(targets, plane, TPixels.Value, s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, s11, s12, s13);
    }

    /// <summary>
    /// Stores a tile's sums for sixteen filters: <c>r0 .. r15</c> hold outputs <c>0 .. 15</c> of the tile for the
    /// sixteen filters; transposed, each register holds one filter's outputs, of which the first <paramref name="pixels"/>
    /// are stored, a plane apart, to each wanted target.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(in Targets targets, int plane, int pixels,
        Vector512<float> r0, Vector512<float> r1, Vector512<float> r2, Vector512<float> r3, Vector512<float> r4, Vector512<float> r5, Vector512<float> r6,
        Vector512<float> r7, Vector512<float> r8, Vector512<float> r9, Vector512<float> r10, Vector512<float> r11, Vector512<float> r12, Vector512<float> r13)
    {
        Vector512<float> r14 = default, r15 = default;
        Transposition16.InPlace(ref r0, ref r1, ref r2, ref r3, ref r4, ref r5, ref r6, ref r7, ref r8, ref r9, ref r10, ref r11, ref r12, ref r13, ref r14, ref r15);
        var mask = Vector512.LessThan(Vector512<int>.Indices, Vector512.Create(pixels)).AsSingle();
        if (targets.Y != null)
        {
            if (targets.RectifyY)
            {
                StoreRectified(targets.Y, plane, mask, r0, r1, r2, r3, r4, r5, r6, r7, r8, r9, r10, r11, r12, r13, r14, r15);
            }
            else
            {
                Store(targets.Y, plane, mask, r0, r1, r2, r3, r4, r5, r6, r7, r8, r9, r10, r11, r12, r13, r14, r15);
            }
        }

        if (targets.Rectified != null)
        {
            StoreRectified(targets.Rectified, plane, mask, r0, r1, r2, r3, r4, r5, r6, r7, r8, r9, r10, r11, r12, r13, r14, r15);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRectified(float* y, int plane, Vector512<float> mask, Vector512<float> r0, Vector512<float> r1, Vector512<float> r2, Vector512<float> r3, Vector512<float> r4, Vector512<float> r5, Vector512<float> r6, Vector512<float> r7, Vector512<float> r8, Vector512<float> r9, Vector512<float> r10, Vector512<float> r11, Vector512<float> r12, Vector512<float> r13, Vector512<float> r14, Vector512<float> r15)
    {
        var zero = Vector512<float>.Zero;
        Store(y, plane, mask, Vector512.Max(r0, zero), Vector512.Max(r1, zero), Vector512.Max(r2, zero), Vector512.Max(r3, zero), Vector512.Max(r4, zero), Vector512.Max(r5, zero), Vector512.Max(r6, zero), Vector512.Max(r7, zero), Vector512.Max(r8, zero), Vector512.Max(r9, zero), Vector512.Max(r10, zero), Vector512.Max(r11, zero), Vector512.Max(r12, zero), Vector512.Max(r13, zero), Vector512.Max(r14, zero), Vector512.Max(r15, zero));
    }

    /// <summary>Stores the lanes of <paramref name="mask"/> of <c>r0 .. r15</c> to sixteen rows <paramref name="plane"/> floats apart.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(float* y, int plane, Vector512<float> mask, Vector512<float> r0, Vector512<float> r1, Vector512<float> r2, Vector512<float> r3, Vector512<float> r4, Vector512<float> r5, Vector512<float> r6, Vector512<float> r7, Vector512<float> r8, Vector512<float> r9, Vector512<float> r10, Vector512<float> r11, Vector512<float> r12, Vector512<float> r13, Vector512<float> r14, Vector512<float> r15)
    {
        Avx512F.MaskStore(y, mask, r0);
        Avx512F.MaskStore(y + 1 * plane, mask, r1);
        Avx512F.MaskStore(y + 2 * plane, mask, r2);
        Avx512F.MaskStore(y + 3 * plane, mask, r3);
        Avx512F.MaskStore(y + 4 * plane, mask, r4);
        Avx512F.MaskStore(y + 5 * plane, mask, r5);
        Avx512F.MaskStore(y + 6 * plane, mask, r6);
        Avx512F.MaskStore(y + 7 * plane, mask, r7);
        Avx512F.MaskStore(y + 8 * plane, mask, r8);
        Avx512F.MaskStore(y + 9 * plane, mask, r9);
        Avx512F.MaskStore(y + 10 * plane, mask, r10);
        Avx512F.MaskStore(y + 11 * plane, mask, r11);
        Avx512F.MaskStore(y + 12 * plane, mask, r12);
        Avx512F.MaskStore(y + 13 * plane, mask, r13);
        Avx512F.MaskStore(y + 14 * plane, mask, r14);
        Avx512F.MaskStore(y + 15 * plane, mask, r15);
    }
}
