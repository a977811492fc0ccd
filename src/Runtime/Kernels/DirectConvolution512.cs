using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Butterfly.Kernels;

/// <summary>
/// The 512-bit tiles of <see cref="DirectConvolution"/>, over each filter's output plane read as one run: output
/// <c>(i, j)</c> is position <c>q = i W + j</c> of the run, <c>W</c> the input's width, and reads input
/// <c>q + (c H + u) W + v</c> for tap <c>(c, u, v)</c>, so sixteen consecutive positions read sixteen consecutive floats
/// per tap whether or not they cross a row's end. A tile is four filters × up to six consecutive vectors of the run
/// (24 sums of AVX-512's 32 registers): each tap broadcasts four weights, then loads one input vector per vector of the
/// tile for four fused multiply-adds.
/// </summary>
/// <remarks>
/// The positions with <c>j ≥ OW</c> (the <c>K - 1</c> columns where a window would wrap into the next row) are computed
/// and not stored: a vector is stored under a mask to each output row it holds part of. Rows of <c>OW</c> outputs thus
/// cost <c>W = OW + K - 1</c> lanes, not a whole number of vectors: for W8's 28-wide rows padded to 30, 53 vectors a
/// plane instead of 56 in tiles of whole rows of two vectors (an overlapping second), which also computed 30 rows for
/// 28. The run's <c>(OH - 1) W + OW</c> positions are cut into as few tiles of at most six vectors as hold them, all
/// but the last of equal length; the plane's last vector starts early enough to end at the run's end, where its
/// reads end at the input's last float. Only a run shorter than a vector reads past the input (up to fifteen floats),
/// which is why such an input is first copied to a buffer with that much room (<see cref="Slack"/>). Each output is
/// still accumulated in the order of the formula (bias, channels, window rows, window columns) with fused
/// multiply-adds, so it has the bits of the 256-bit tiles and of the scalar loops.
/// </remarks>
public static unsafe partial class DirectConvolution
{
    /// <summary>Floats of one 512-bit vector.</summary>
    private const int Wide = 16;

    /// <summary>Vectors of a 512-bit tile, at most: with its four filters, 24 sums in registers.</summary>
    private const int WideVectors = 6;

    /// <summary>Floats a buffer holding the input of 512-bit tiles whose run is shorter than a vector keeps after the input.</summary>
    private const int Slack = Wide;

    /// <summary>Whether the 512-bit tiles compute this call: AVX-512 in force, at least a tile of filters and rows, and no pooling.</summary>
    private static bool TakesWideTiles(ConvolutionShape shape, Targets targets) =>
        Simd.Path == SimdPath.Vector512 && targets.Pooled == null && shape.Filters >= TileFilters && shape.OutH >= TileRows;

    /// <summary>
    /// Every output in 512-bit tiles: each filter's run of <see cref="RunLength"/> positions in <c>n</c> vectors, as
    /// <c>t = ⌈n / 6⌉</c> tiles of <c>⌈n / t⌉</c> vectors and a last tile of the rest (53 vectors: eight of six and one of
    /// five; 14: two of five and one of four).
    /// </summary>
    private static void WideTiles(float* x, float* weights, float* bias, ConvolutionShape shape, Targets targets)
    {
        var (tiles, perTile, last) = RunCut(shape, Wide, WideVectors);
        int* offsets = TapOffsets(shape);
        for (int f0 = 0; f0 < shape.Filters; f0 += TileFilters)
        {
            int f = Math.Min(f0, shape.Filters - TileFilters);
            var band = targets.At(shape, f, 0, pool: false);
            WideBands(perTile, x, weights, bias, shape, band, f, 0, tiles - 1, offsets);
            WideBands(last, x, weights, bias, shape, band, f, (tiles - 1) * perTile * Wide, 1, offsets);
        }
    }

    /// <summary><see cref="WideBand{TVectors}"/> for <paramref name="vectors"/> vectors a tile, from one to six.</summary>
    private static void WideBands(int vectors, float* x, float* weights, float* bias, ConvolutionShape shape, Targets band, int f, int start, int count, int* offsets)
    {
        switch (vectors)
        {
            case 6:
                WideBand<Six>(x, weights, bias, shape, band, f, start, count, offsets);
                break;
            case 5:
                WideBand<Five>(x, weights, bias, shape, band, f, start, count, offsets);
                break;
            case 4:
                WideBand<Four>(x, weights, bias, shape, band, f, start, count, offsets);
                break;
            case 3:
                WideBand<Three>(x, weights, bias, shape, band, f, start, count, offsets);
                break;
            case 2:
                WideBand<Two>(x, weights, bias, shape, band, f, start, count, offsets);
                break;
            default:
                WideBand<One>(x, weights, bias, shape, band, f, start, count, offsets);
                break;
        }
    }

    /// <summary>
    /// <paramref name="count"/> 512-bit tiles of <typeparamref name="TVectors"/> vectors each, for filters <c>f .. f + 3</c>:
    /// run positions from <paramref name="start"/> on, stored to <paramref name="band"/> (at row 0, column 0 of filter
    /// <c>f</c>), walking the taps in the order of <paramref name="tapOffsets"/> (<see cref="TapOffsets"/>). The plane's
    /// last vector starts at <c>max(0, run - 16)</c>, overlapping the one before it. Like the 256-bit band it calls
    /// nothing, so a tile's sums stay in registers.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void WideBand<TVectors>(float* x, float* weights, float* bias, ConvolutionShape shape, Targets band, int f, int start, int count, int* tapOffsets)
        where TVectors : struct, IConstant
    {
        int taps = shape.Window, plane = band.PlaneOf(shape), lastStart = Math.Max(0, RunLength(shape) - Wide);
        weights += f * taps;
        bias += f;
        float* w1 = weights + taps, w2 = weights + 2 * taps, w3 = weights + 3 * taps;
        for (int tile = 0, t = start; tile < count; tile++, t += TVectors.Value * Wide)
        {
            // Vectors 16 floats apart, but the plane's last one ends at the run's end (a lone vector moving back).
            int last = Math.Min(t + (TVectors.Value - 1) * Wide, lastStart) - t;
            Vector512<float> b0 = Vector512.Create(bias[0]), b1 = Vector512.Create(bias[1]), b2 = Vector512.Create(bias[2]), b3 = Vector512.Create(bias[3]);
            Vector512<float> a00 = b0, a01 = b1, a02 = b2, a03 = b3,
                a10 = b0, a11 = b1, a12 = b2, a13 = b3,
                a20 = b0, a21 = b1, a22 = b2, a23 = b3,
                a30 = b0, a31 = b1, a32 = b2, a33 = b3,
                a40 = b0, a41 = b1, a42 = b2, a43 = b3,
                a50 = b0, a51 = b1, a52 = b2, a53 = b3;
            int o0 = TVectors.Value == 1 ? last : 0;
            int o1 = TVectors.Value == 2 ? last : Wide;
            int o2 = TVectors.Value == 3 ? last : 2 * Wide;
            int o3 = TVectors.Value == 4 ? last : 3 * Wide;
            int o4 = TVectors.Value == 5 ? last : 4 * Wide;
            int o5 = last;
            float* origin = x + t;
            for (int tap = 0; tap < taps; tap++)
            {
                float* top = origin + tapOffsets[tap];
                var k0 = Vector512.Create(weights[tap]);
                var k1 = Vector512.Create(w1[tap]);
                var k2 = Vector512.Create(w2[tap]);
                var k3 = Vector512.Create(w3[tap]);
                if (TVectors.Value > 0)
                {
                    var p = Vector512.Load(top + o0);
                    a00 = Vector512.FusedMultiplyAdd(k0, p, a00);
                    a01 = Vector512.FusedMultiplyAdd(k1, p, a01);
                    a02 = Vector512.FusedMultiplyAdd(k2, p, a02);
                    a03 = Vector512.FusedMultiplyAdd(k3, p, a03);
                }

                if (TVectors.Value > 1)
                {
                    var p = Vector512.Load(top + o1);
                    a10 = Vector512.FusedMultiplyAdd(k0, p, a10);
                    a11 = Vector512.FusedMultiplyAdd(k1, p, a11);
                    a12 = Vector512.FusedMultiplyAdd(k2, p, a12);
                    a13 = Vector512.FusedMultiplyAdd(k3, p, a13);
                }

                if (TVectors.Value > 2)
                {
                    var p = Vector512.Load(top + o2);
                    a20 = Vector512.FusedMultiplyAdd(k0, p, a20);
                    a21 = Vector512.FusedMultiplyAdd(k1, p, a21);
                    a22 = Vector512.FusedMultiplyAdd(k2, p, a22);
                    a23 = Vector512.FusedMultiplyAdd(k3, p, a23);
                }

                if (TVectors.Value > 3)
                {
                    var p = Vector512.Load(top + o3);
                    a30 = Vector512.FusedMultiplyAdd(k0, p, a30);
                    a31 = Vector512.FusedMultiplyAdd(k1, p, a31);
                    a32 = Vector512.FusedMultiplyAdd(k2, p, a32);
                    a33 = Vector512.FusedMultiplyAdd(k3, p, a33);
                }

                if (TVectors.Value > 4)
                {
                    var p = Vector512.Load(top + o4);
                    a40 = Vector512.FusedMultiplyAdd(k0, p, a40);
                    a41 = Vector512.FusedMultiplyAdd(k1, p, a41);
                    a42 = Vector512.FusedMultiplyAdd(k2, p, a42);
                    a43 = Vector512.FusedMultiplyAdd(k3, p, a43);
                }

                if (TVectors.Value > 5)
                {
                    var p = Vector512.Load(top + o5);
                    a50 = Vector512.FusedMultiplyAdd(k0, p, a50);
                    a51 = Vector512.FusedMultiplyAdd(k1, p, a51);
                    a52 = Vector512.FusedMultiplyAdd(k2, p, a52);
                    a53 = Vector512.FusedMultiplyAdd(k3, p, a53);
                }
            }

            if (TVectors.Value > 0)
            {
                StoreRun(band, shape, plane, t + o0, a00, a01, a02, a03);
            }

            if (TVectors.Value > 1)
            {
                StoreRun(band, shape, plane, t + o1, a10, a11, a12, a13);
            }

            if (TVectors.Value > 2)
            {
                StoreRun(band, shape, plane, t + o2, a20, a21, a22, a23);
            }

            if (TVectors.Value > 3)
            {
                StoreRun(band, shape, plane, t + o3, a30, a31, a32, a33);
            }

            if (TVectors.Value > 4)
            {
                StoreRun(band, shape, plane, t + o4, a40, a41, a42, a43);
            }

            if (TVectors.Value > 5)
            {
                StoreRun(band, shape, plane, t + o5, a50, a51, a52, a53);
            }
        }
    }

    /// <summary>
    /// Stores the vector at run position <paramref name="at"/> for four filters a plane apart: to each output row
    /// <c>i</c> it holds part of, lanes <c>l</c> with <c>0 ≤ at + l - i W &lt; OW</c>, at column <c>at + l - i W</c>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRun(
        in Targets band, ConvolutionShape shape, int plane, int at, Vector512<float> s0, Vector512<float> s1, Vector512<float> s2, Vector512<float> s3)
    {
        int width = shape.Width, outW = shape.OutW, i = at / width;

        // The column of lane 0 in row i; the rows on hold it at a column W less each.
        for (int column = at - i * width; column > -Wide && i < shape.OutH; i++, column -= width)
        {
            if (column < outW)
            {
                var mask = Vector512.LessThan((Vector512<int>.Indices + Vector512.Create(column)).AsUInt32(), Vector512.Create((uint)outW)).AsSingle();
                Store512(band.Moved(i * outW + column), plane, s0, s1, s2, s3, mask);
            }
        }
    }

    /// <summary>Stores the lanes of <paramref name="mask"/> of one vector of a tile, for its four filters a plane apart, to each wanted target.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store512(
        in Targets targets, int plane, Vector512<float> s0, Vector512<float> s1, Vector512<float> s2, Vector512<float> s3, Vector512<float> mask)
    {
        if (targets.Y != null)
        {
            bool rectify = targets.RectifyY;
            var zero = Vector512<float>.Zero;
            Store512(targets.Y, plane, rectify ? Vector512.Max(s0, zero) : s0, rectify ? Vector512.Max(s1, zero) : s1,
                rectify ? Vector512.Max(s2, zero) : s2, rectify ? Vector512.Max(s3, zero) : s3, mask);
        }

        if (targets.Rectified != null)
        {
            var zero = Vector512<float>.Zero;
            Store512(targets.Rectified, plane, Vector512.Max(s0, zero), Vector512.Max(s1, zero), Vector512.Max(s2, zero), Vector512.Max(s3, zero), mask);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store512(
        float* y, int plane, Vector512<float> s0, Vector512<float> s1, Vector512<float> s2, Vector512<float> s3, Vector512<float> mask)
    {
        Avx512F.MaskStore(y, mask, s0);
        Avx512F.MaskStore(y + plane, mask, s1);
        Avx512F.MaskStore(y + 2 * plane, mask, s2);
        Avx512F.MaskStore(y + 3 * plane, mask, s3);
    }
}
