using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Butterfly.Kernels;

/// <summary>
/// The 512-bit tiles of <see cref="DirectConvolution"/>: sixteen neighbouring outputs of a row per vector, four filters
/// per tile, and as many rows and vectors of a row as keep at most 24 sums in registers (of AVX-512's 32): each tap
/// broadcasts four weights, then loads one input vector per row and vector of the tile for four fused multiply-adds.
/// </summary>
/// <remarks>
/// Rows of at least sixteen outputs take one or two vectors per row, the last of a row starting early enough to end at
/// the edge (overlapping, with the same bits, as the 256-bit tiles do); a shorter row takes one vector whose stores
/// are masked to the row, and whose loads read up to fifteen floats past the input's last row, which is why such an
/// input is first copied to a buffer with that much room (<see cref="Slack"/>). Each output is still accumulated in
/// the order of the formula (bias, channels, window rows, window columns) with fused multiply-adds, so it has the bits
/// of the 256-bit tiles and of the scalar loops.
/// </remarks>
public static unsafe partial class DirectConvolution
{
    /// <summary>Floats of one 512-bit vector.</summary>
    private const int Wide = 16;

    /// <summary>Floats a buffer holding the input of a 512-bit tile with rows shorter than a vector keeps after the input.</summary>
    private const int Slack = Wide;

    /// <summary>Whether the 512-bit tiles compute this call: AVX-512 in force, at least a tile of filters and rows, and no pooling.</summary>
    private static bool TakesWideTiles(ConvolutionShape shape, Targets targets) =>
        Simd.Path == SimdPath.Vector512 && targets.Pooled == null && shape.Filters >= TileFilters && shape.OutH >= TileRows;

    /// <summary>
    /// Every output in 512-bit tiles: two vectors a row for rows of at least sixteen outputs, else one, masked; and as
    /// many rows a tile as <see cref="WideRows"/> gives for at most 24 sums (three rows of two vectors, five of one).
    /// </summary>
    private static void WideTiles(float* x, float* weights, float* bias, ConvolutionShape shape, Targets targets)
    {
        if (shape.OutW >= Wide)
        {
            if (WideRows(shape.OutH, 3) == 3)
            {
                WideTiles<Three, Two>(x, weights, bias, shape, targets);
            }
            else
            {
                WideTiles<Two, Two>(x, weights, bias, shape, targets);
            }

            return;
        }

        switch (WideRows(shape.OutH, 5))
        {
            case 5:
                WideTiles<Five, One>(x, weights, bias, shape, targets);
                break;
            case 4:
                WideTiles<Four, One>(x, weights, bias, shape, targets);
                break;
            case 3:
                WideTiles<Three, One>(x, weights, bias, shape, targets);
                break;
            default:
                WideTiles<Two, One>(x, weights, bias, shape, targets);
                break;
        }
    }

    /// <summary>
    /// Rows a tile, from <paramref name="most"/> down to two: the most whose overlapping last tile redoes at most an
    /// eighth of the plane's <paramref name="height"/> rows (14 rows take tiles of five, 15 computed; 28 take three, 30).
    /// More rows keep more sums in flight for each weight broadcast, which pays until the redone rows cost more.
    /// </summary>
    private static int WideRows(int height, int most)
    {
        for (int rows = Math.Min(most, height); rows > TileRows; rows--)
        {
            if ((height + rows - 1) / rows * rows - height <= height / 8)
            {
                return rows;
            }
        }

        return TileRows;
    }

    private static void WideTiles<TRows, TVectors>(float* x, float* weights, float* bias, ConvolutionShape shape, Targets targets)
        where TRows : struct, IConstant
        where TVectors : struct, IConstant
    {
        int* offsets = TapOffsets(shape);
        for (int f0 = 0; f0 < shape.Filters; f0 += TileFilters)
        {
            int f = Math.Min(f0, shape.Filters - TileFilters);
            for (int i0 = 0; i0 < shape.OutH; i0 += TRows.Value)
            {
                int i = Math.Min(i0, shape.OutH - TRows.Value);
                WideBand<TRows, TVectors>(x, weights, bias, shape, targets.At(shape, f, i, pool: false), f, i, offsets);
            }
        }
    }

    [ThreadStatic]
    private static int[]? t_tapOffsets;

    /// <summary>
    /// This thread's table of where each tap <c>(c, u, v)</c> of a filter reads, <c>(c H + u) W + v</c> floats from a
    /// window's first input, so that a tile walks its taps in one loop: no inner loops over the window's rows and
    /// columns, whose short trip counts and loop-carried pointers cost registers and branches.
    /// </summary>
    private static int* TapOffsets(ConvolutionShape shape)
    {
        int taps = shape.Window, kernel = shape.Kernel;
        if (t_tapOffsets is null || t_tapOffsets.Length < taps)
        {
            t_tapOffsets = GC.AllocateUninitializedArray<int>(taps, pinned: true);
        }

        int* offsets = (int*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(t_tapOffsets));
        int tap = 0;
        for (int c = 0; c < shape.Channels; c++)
        {
            for (int u = 0; u < kernel; u++)
            {
                for (int v = 0; v < kernel; v++)
                {
                    offsets[tap++] = (c * shape.Height + u) * shape.Width + v;
                }
            }
        }

        return offsets;
    }

    /// <summary>The offset of tile slot <paramref name="slot"/> (row <c>slot / V</c>, vector <c>slot % V</c>) from the tile's first element, rows <paramref name="stride"/> apart.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Offset<TVectors>(int slot, int stride, int second)
        where TVectors : struct, IConstant =>
        slot / TVectors.Value * stride + slot % TVectors.Value * second;

    /// <summary>
    /// A band of 512-bit tiles: outputs <c>(f + k, i + r, ·)</c> for k &lt; 4 and r &lt; <typeparamref name="TRows"/>,
    /// <typeparamref name="TVectors"/> vectors of a row at a time, stored to <paramref name="band"/> (at row <c>i</c>,
    /// column 0 of filter <c>f</c>), walking the taps in the order of <paramref name="tapOffsets"/> (<see cref="TapOffsets"/>).
    /// Like the 256-bit band it calls nothing, so a tile's sums stay in registers.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void WideBand<TRows, TVectors>(float* x, float* weights, float* bias, ConvolutionShape shape, Targets band, int f, int i, int* tapOffsets)
        where TRows : struct, IConstant
        where TVectors : struct, IConstant
    {
        int taps = shape.Window, width = shape.Width, outW = shape.OutW, plane = band.PlaneOf(shape);
        int span = TVectors.Value * Wide;
        x += i * width;
        weights += f * taps;
        bias += f;
        float* w1 = weights + taps, w2 = weights + 2 * taps, w3 = weights + 3 * taps;
        bool masked = outW < Wide;
        var mask = masked ? Vector512.LessThan(Vector512<int>.Indices, Vector512.Create(outW)).AsSingle() : default;
        for (int j0 = 0; j0 < outW; j0 += span)
        {
            // The tile's first vector, and how far on its second starts: the last tile of a row ends at the edge.
            int j = Math.Max(0, Math.Min(j0, outW - span));
            int second = Math.Min(Wide, outW - Wide - j);
            var targets = band.Moved(j);
            Vector512<float> b0 = Vector512.Create(bias[0]), b1 = Vector512.Create(bias[1]), b2 = Vector512.Create(bias[2]), b3 = Vector512.Create(bias[3]);
            Vector512<float> a00 = b0, a01 = b1, a02 = b2, a03 = b3,
                a10 = b0, a11 = b1, a12 = b2, a13 = b3,
                a20 = b0, a21 = b1, a22 = b2, a23 = b3,
                a30 = b0, a31 = b1, a32 = b2, a33 = b3,
                a40 = b0, a41 = b1, a42 = b2, a43 = b3,
                a50 = b0, a51 = b1, a52 = b2, a53 = b3;
            int o0 = Offset<TVectors>(0, width, second);
            int o1 = Offset<TVectors>(1, width, second);
            int o2 = Offset<TVectors>(2, width, second);
            int o3 = Offset<TVectors>(3, width, second);
            int o4 = Offset<TVectors>(4, width, second);
            int o5 = Offset<TVectors>(5, width, second);
            float* origin = x + j;
            for (int tap = 0; tap < taps; tap++)
            {
                float* top = origin + tapOffsets[tap];
                var k0 = Vector512.Create(weights[tap]);
                var k1 = Vector512.Create(w1[tap]);
                var k2 = Vector512.Create(w2[tap]);
                var k3 = Vector512.Create(w3[tap]);
                if (TRows.Value * TVectors.Value > 0)
                {
                    var p = Vector512.Load(top + o0);
                    a00 = Vector512.FusedMultiplyAdd(k0, p, a00);
                    a01 = Vector512.FusedMultiplyAdd(k1, p, a01);
                    a02 = Vector512.FusedMultiplyAdd(k2, p, a02);
                    a03 = Vector512.FusedMultiplyAdd(k3, p, a03);
                }

                if (TRows.Value * TVectors.Value > 1)
                {
                    var p = Vector512.Load(top + o1);
                    a10 = Vector512.FusedMultiplyAdd(k0, p, a10);
                    a11 = Vector512.FusedMultiplyAdd(k1, p, a11);
                    a12 = Vector512.FusedMultiplyAdd(k2, p, a12);
                    a13 = Vector512.FusedMultiplyAdd(k3, p, a13);
                }

                if (TRows.Value * TVectors.Value > 2)
                {
                    var p = Vector512.Load(top + o2);
                    a20 = Vector512.FusedMultiplyAdd(k0, p, a20);
                    a21 = Vector512.FusedMultiplyAdd(k1, p, a21);
                    a22 = Vector512.FusedMultiplyAdd(k2, p, a22);
                    a23 = Vector512.FusedMultiplyAdd(k3, p, a23);
                }

                if (TRows.Value * TVectors.Value > 3)
                {
                    var p = Vector512.Load(top + o3);
                    a30 = Vector512.FusedMultiplyAdd(k0, p, a30);
                    a31 = Vector512.FusedMultiplyAdd(k1, p, a31);
                    a32 = Vector512.FusedMultiplyAdd(k2, p, a32);
                    a33 = Vector512.FusedMultiplyAdd(k3, p, a33);
                }

                if (TRows.Value * TVectors.Value > 4)
                {
                    var p = Vector512.Load(top + o4);
                    a40 = Vector512.FusedMultiplyAdd(k0, p, a40);
                    a41 = Vector512.FusedMultiplyAdd(k1, p, a41);
                    a42 = Vector512.FusedMultiplyAdd(k2, p, a42);
                    a43 = Vector512.FusedMultiplyAdd(k3, p, a43);
                }

                if (TRows.Value * TVectors.Value > 5)
                {
                    var p = Vector512.Load(top + o5);
                    a50 = Vector512.FusedMultiplyAdd(k0, p, a50);
                    a51 = Vector512.FusedMultiplyAdd(k1, p, a51);
                    a52 = Vector512.FusedMultiplyAdd(k2, p, a52);
                    a53 = Vector512.FusedMultiplyAdd(k3, p, a53);
                }
            }

            int s0 = Offset<TVectors>(0, outW, second);
            int s1 = Offset<TVectors>(1, outW, second);
            int s2 = Offset<TVectors>(2, outW, second);
            int s3 = Offset<TVectors>(3, outW, second);
            int s4 = Offset<TVectors>(4, outW, second);
            int s5 = Offset<TVectors>(5, outW, second);
            if (TRows.Value * TVectors.Value > 0)
            {
                Store512(targets.Moved(s0), plane, a00, a01, a02, a03, mask, masked);
            }

            if (TRows.Value * TVectors.Value > 1)
            {
                Store512(targets.Moved(s1), plane, a10, a11, a12, a13, mask, masked);
            }

            if (TRows.Value * TVectors.Value > 2)
            {
                Store512(targets.Moved(s2), plane, a20, a21, a22, a23, mask, masked);
            }

            if (TRows.Value * TVectors.Value > 3)
            {
                Store512(targets.Moved(s3), plane, a30, a31, a32, a33, mask, masked);
            }

            if (TRows.Value * TVectors.Value > 4)
            {
                Store512(targets.Moved(s4), plane, a40, a41, a42, a43, mask, masked);
            }

            if (TRows.Value * TVectors.Value > 5)
            {
                Store512(targets.Moved(s5), plane, a50, a51, a52, a53, mask, masked);
            }

        }
    }

    /// <summary>Stores one vector of a tile, for its four filters a plane apart, to each wanted target; only the first lanes of a row when <paramref name="masked"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store512(
        in Targets targets, int plane, Vector512<float> s0, Vector512<float> s1, Vector512<float> s2, Vector512<float> s3, Vector512<float> mask, bool masked)
    {
        if (targets.Y != null)
        {
            bool rectify = targets.RectifyY;
            var zero = Vector512<float>.Zero;
            Store512(targets.Y, plane, rectify ? Vector512.Max(s0, zero) : s0, rectify ? Vector512.Max(s1, zero) : s1,
                rectify ? Vector512.Max(s2, zero) : s2, rectify ? Vector512.Max(s3, zero) : s3, mask, masked);
        }

        if (targets.Rectified != null)
        {
            var zero = Vector512<float>.Zero;
            Store512(targets.Rectified, plane, Vector512.Max(s0, zero), Vector512.Max(s1, zero), Vector512.Max(s2, zero), Vector512.Max(s3, zero), mask, masked);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store512(
        float* y, int plane, Vector512<float> s0, Vector512<float> s1, Vector512<float> s2, Vector512<float> s3, Vector512<float> mask, bool masked)
    {
        if (masked)
        {
            Avx512F.MaskStore(y, mask, s0);
            Avx512F.MaskStore(y + plane, mask, s1);
            Avx512F.MaskStore(y + 2 * plane, mask, s2);
            Avx512F.MaskStore(y + 3 * plane, mask, s3);
        }
        else
        {
            s0.Store(y);
            s1.Store(y + plane);
            s2.Store(y + 2 * plane);
            s3.Store(y + 3 * plane);
        }
    }
}
