using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Butterfly.Kernels;

/// <summary>
/// The input gradient of a stride-1, unpadded convolution computed straight from the formula for one sample:
/// <c>dx[c, y, x] = Σ_f Σ_u Σ_v w[f, c, u, v] · dy[f, y - u, x - v]</c>, over the <c>(u, v)</c> that land inside
/// <c>dy</c>. Nothing is unfolded and nothing is folded back: each row of <c>dx</c> is written once.
/// </summary>
/// <remarks>
/// <para>
/// Eight neighbouring columns <c>j</c> of a row of <c>dy</c> meet every weight <c>w[f, c, u, v]</c> together, so a vector
/// sum <c>s_v[j] = Σ_f Σ_u w[f, c, u, v] · dy[f, y - u, j]</c> per window column <c>v</c> holds what those columns give
/// to <c>dx[c, y, j + v]</c>. Two rows of <c>dx</c> go together: each filter's two <c>dy</c> vectors, loaded once, meet
/// <c>K</c> broadcast weights in <c>2K</c> fused multiply-adds. When the sums are done, <c>s_v</c> is rotated up by
/// <c>v</c> lanes: the lanes that stay inside the eight columns are this block's part of <c>dx</c>, the ones that wrap
/// round belong to the next block's. So <c>dx[c, y, 8b + i] = Σ_v s_v^(b)[i - v] + Σ_v s_v^(b-1)[8 + i - v]</c>.
/// </para>
/// <para>
/// <c>dy</c> is first copied into a scratch with a zero row above and below each plane and its rows padded with zeros
/// to whole vectors, so every load is whole and a row just past the edge reads zeros. Kernels wider than
/// <see cref="MaxKernel"/> would need more sums than there are registers; the caller unfolds those instead.
/// </para>
/// </remarks>
internal static unsafe class DirectInputGradient
{
    /// <summary>The widest window computed here: two rows of five sums, two loads and a weight fill 13 of 16 registers.</summary>
    public const int MaxKernel = 5;

    private const int Lanes = 8;

    /// <summary>Whether <paramref name="shape"/>'s input gradient is computed here on the path in force.</summary>
    public static bool Takes(ConvolutionShape shape) =>
        shape.IsDirect && shape.Kernel <= MaxKernel && Simd.Path >= SimdPath.Vector256 && Avx2.IsSupported && Fma.IsSupported;

    /// <summary>Floats of scratch <see cref="Compute"/> needs: the padded copy of one sample's <c>dy</c>.</summary>
    public static int ScratchLength(ConvolutionShape shape) => shape.Filters * (shape.OutH + 2) * PaddedWidth(shape);

    /// <summary><c>dx</c> of one sample from its <c>dy</c>; overwrites <paramref name="dx"/>. The caller checks <see cref="Takes"/>.</summary>
    public static void Compute(float* dy, float* weights, float* dx, float* scratch, ConvolutionShape shape)
    {
        Pad(dy, scratch, shape);
        switch (shape.Kernel)
        {
            case 1: Planes<One>(scratch, weights, dx, shape); break;
            case 2: Planes<Two>(scratch, weights, dx, shape); break;
            case 3: Planes<Three>(scratch, weights, dx, shape); break;
            case 4: Planes<Four>(scratch, weights, dx, shape); break;
            default: Planes<Five>(scratch, weights, dx, shape); break;
        }
    }

    /// <summary>A row of <c>dy</c> in the scratch: whole vectors.</summary>
    private static int PaddedWidth(ConvolutionShape shape) => (shape.OutW + Lanes - 1) / Lanes * Lanes;

    /// <summary>Copies <c>dy[f, i, j]</c> to <c>scratch[f, i + 1, j]</c>, zeros around it.</summary>
    private static void Pad(float* dy, float* scratch, ConvolutionShape shape)
    {
        int outH = shape.OutH, outW = shape.OutW, padded = PaddedWidth(shape), plane = (outH + 2) * padded;
        new Span<float>(scratch, shape.Filters * plane).Clear();
        for (int f = 0; f < shape.Filters; f++)
        {
            for (int i = 0; i < outH; i++)
            {
                new ReadOnlySpan<float>(dy + (f * outH + i) * outW, outW).CopyTo(new Span<float>(scratch + f * plane + (i + 1) * padded, outW));
            }
        }
    }

    /// <summary>Every row pair of every channel's plane of <c>dx</c>.</summary>
    private static void Planes<TWidth>(float* padded, float* weights, float* dx, ConvolutionShape shape)
        where TWidth : struct, IConstant
    {
        int height = shape.Height, width = shape.Width, outH = shape.OutH, kernel = shape.Kernel;
        int rowStride = PaddedWidth(shape), planeStride = (outH + 2) * rowStride, blocks = rowStride / Lanes;
        var rows = new RowPair { RowStride = rowStride, PlaneStride = planeStride, WeightStride = shape.Window, Filters = shape.Filters };
        for (int c = 0; c < shape.Channels; c++)
        {
            for (int y = 0; y < height; y += 2)
            {
                // Window rows u that put dx row y or y + 1 over a row of dy; the other row of the pair then reads a zero row.
                rows.FirstU = Math.Max(0, y - outH + 1);
                rows.LastU = Math.Min(kernel - 1, y + 1);
                var carry = new Carry();
                float* row0 = dx + (c * height + y) * width;
                float* row1 = y + 1 < height ? row0 + width : null;
                for (int b = 0; b < blocks; b++)
                {
                    // Padded row (y - u) + 1 holds dy row y - u.
                    Block<TWidth>(padded + (y + 1) * rowStride + b * Lanes, weights + c * kernel * kernel, rows, ref carry, row0, row1, b, width);
                }

                Store(row0, carry.Row0, blocks, width);
                if (row1 != null)
                {
                    Store(row1, carry.Row1, blocks, width);
                }
            }
        }
    }

    /// <summary>
    /// One block of eight columns of <c>dy</c> for dx rows <c>y</c> and <c>y + 1</c>: the <c>2K</c> sums over the filters and
    /// window rows, rotated into this block's outputs (stored with the previous block's carry) and the next block's carry.
    /// </summary>
    /// <param name="dy">Padded <c>dy</c> row <c>y + 1</c> (that is, <c>dy</c> row <c>y</c>) of filter 0, at this block.</param>
    /// <param name="weights"><c>w[0, c, 0, 0]</c>.</param>
    /// <param name="rows">The strides and the window rows to sum over.</param>
    /// <param name="carry">The previous block's carry in, this block's out.</param>
    /// <param name="row0">dx row <c>y</c>.</param>
    /// <param name="row1">dx row <c>y + 1</c>, or null past the last row.</param>
    /// <param name="block">Which eight columns.</param>
    /// <param name="width">The length of a dx row.</param>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Block<TWidth>(float* dy, float* weights, in RowPair rows, ref Carry carry, float* row0, float* row1, int block, int width)
        where TWidth : struct, IConstant
    {
        int kernel = TWidth.Value, filters = rows.Filters;
        nint rowStride = rows.RowStride, planeStride = rows.PlaneStride, weightStride = rows.WeightStride;
        Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default, a4 = default;
        Vector256<float> b0 = default, b1 = default, b2 = default, b3 = default, b4 = default;
        for (int u = rows.FirstU; u <= rows.LastU; u++)
        {
            float* source = dy - u * rowStride, w = weights + u * kernel;
            for (int f = 0; f < filters; f++, source += planeStride, w += weightStride)
            {
                var top = Avx.LoadVector256(source);
                var bottom = Avx.LoadVector256(source + rowStride);
                var k = Vector256.Create(w[0]);
                a0 = Fma.MultiplyAdd(k, top, a0);
                b0 = Fma.MultiplyAdd(k, bottom, b0);
                if (kernel > 1)
                {
                    k = Vector256.Create(w[1]);
                    a1 = Fma.MultiplyAdd(k, top, a1);
                    b1 = Fma.MultiplyAdd(k, bottom, b1);
                }

                if (kernel > 2)
                {
                    k = Vector256.Create(w[2]);
                    a2 = Fma.MultiplyAdd(k, top, a2);
                    b2 = Fma.MultiplyAdd(k, bottom, b2);
                }

                if (kernel > 3)
                {
                    k = Vector256.Create(w[3]);
                    a3 = Fma.MultiplyAdd(k, top, a3);
                    b3 = Fma.MultiplyAdd(k, bottom, b3);
                }

                if (kernel > 4)
                {
                    k = Vector256.Create(w[4]);
                    a4 = Fma.MultiplyAdd(k, top, a4);
                    b4 = Fma.MultiplyAdd(k, bottom, b4);
                }
            }
        }

        var low0 = a0 + carry.Row0;
        var low1 = b0 + carry.Row1;
        Vector256<float> high0 = default, high1 = default;
        if (kernel > 1)
        {
            Rotate(a1, b1, 1, ref low0, ref low1, ref high0, ref high1);
        }

        if (kernel > 2)
        {
            Rotate(a2, b2, 2, ref low0, ref low1, ref high0, ref high1);
        }

        if (kernel > 3)
        {
            Rotate(a3, b3, 3, ref low0, ref low1, ref high0, ref high1);
        }

        if (kernel > 4)
        {
            Rotate(a4, b4, 4, ref low0, ref low1, ref high0, ref high1);
        }

        Store(row0, low0, block, width);
        if (row1 != null)
        {
            Store(row1, low1, block, width);
        }

        carry.Row0 = high0;
        carry.Row1 = high1;
    }

    /// <summary>Adds the sums of window column <paramref name="v"/>, rotated up by <paramref name="v"/> lanes, to this block (lanes ≥ v) and the carry (lanes &lt; v).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Rotate(
        Vector256<float> sum0, Vector256<float> sum1, int v, ref Vector256<float> low0, ref Vector256<float> low1, ref Vector256<float> high0, ref Vector256<float> high1)
    {
        var lanes = Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7);
        var order = (lanes - Vector256.Create(v)) & Vector256.Create(Lanes - 1);
        var stays = Vector256.GreaterThanOrEqual(lanes, Vector256.Create(v)).AsSingle();
        var rotated0 = Avx2.PermuteVar8x32(sum0, order);
        var rotated1 = Avx2.PermuteVar8x32(sum1, order);
        low0 += rotated0 & stays;
        low1 += rotated1 & stays;
        high0 += Vector256.AndNot(rotated0, stays);
        high1 += Vector256.AndNot(rotated1, stays);
    }

    /// <summary>Stores the lanes of block <paramref name="block"/> of a dx row that fall inside its <paramref name="width"/> columns.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(float* row, Vector256<float> value, int block, int width)
    {
        int inside = width - block * Lanes;
        if (inside >= Lanes)
        {
            Avx.Store(row + block * Lanes, value);
        }
        else if (inside > 0)
        {
            var mask = Vector256.LessThan(Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7), Vector256.Create(inside)).AsSingle();
            Avx.MaskStore(row + block * Lanes, mask, value);
        }
    }

    /// <summary>What every block of a row pair shares.</summary>
    private struct RowPair
    {
        public int RowStride, PlaneStride, WeightStride, Filters, FirstU, LastU;
    }

    /// <summary>What a block passes to the next: the lanes its sums put past its eight columns, for each row.</summary>
    private struct Carry
    {
        public Vector256<float> Row0, Row1;
    }
}
