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

    /// <summary>
    /// Whether <paramref name="shape"/>'s input gradient is computed here on the path in force (without padding: a padded
    /// convolution's caller passes <see cref="ConvolutionShape.Unpadded"/>).
    /// </summary>
    public static bool Takes(ConvolutionShape shape) =>
        shape.IsDirect && shape.Padding == 0 && shape.Kernel <= MaxKernel && Simd.Path >= SimdPath.Vector256 && Avx2.IsSupported && Fma.IsSupported;

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

    /// <summary>Every channel's plane of <c>dx</c>.</summary>
    private static void Planes<TWidth>(float* padded, float* weights, float* dx, ConvolutionShape shape)
        where TWidth : struct, IConstant
    {
        int taps = shape.Kernel * shape.Kernel, plane = shape.Height * shape.Width;
        for (int c = 0; c < shape.Channels; c++)
        {
            Plane<TWidth>(padded, weights + c * taps, dx + c * plane, shape);
        }
    }

    /// <summary>
    /// One channel's plane of <c>dx</c>, two rows at a time, each pair in blocks of eight columns of <c>dy</c>: the
    /// <c>2K</c> sums over the filters and window rows, rotated into the block's outputs (stored with the previous
    /// block's carry) and the next block's carry. It calls nothing, so that the sums stay in registers.
    /// </summary>
    /// <param name="padded">The padded copy of <c>dy</c>.</param>
    /// <param name="weights"><c>w[0, c, 0, 0]</c>.</param>
    /// <param name="dx">The plane, <c>dx[c, 0, 0]</c>.</param>
    /// <param name="shape">The convolution's shapes.</param>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Plane<TWidth>(float* padded, float* weights, float* dx, ConvolutionShape shape)
        where TWidth : struct, IConstant
    {
        int kernel = TWidth.Value, filters = shape.Filters, height = shape.Height, width = shape.Width, outH = shape.OutH;
        int padding = PaddedWidth(shape), blocks = padding / Lanes;
        nint rowStride = padding, planeStride = (outH + 2) * rowStride, weightStride = shape.Window;
        for (int y = 0; y < height; y += 2)
        {
            // Window rows u that put dx row y or y + 1 over a row of dy; the other row of the pair then reads a zero row.
            int firstU = Math.Max(0, y - outH + 1), lastU = Math.Min(kernel - 1, y + 1);
            float* row0 = dx + y * width;
            float* row1 = y + 1 < height ? row0 + width : null;
            Vector256<float> carry0 = default, carry1 = default;
            for (int block = 0; block < blocks; block++)
            {
                Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default, a4 = default;
                Vector256<float> b0 = default, b1 = default, b2 = default, b3 = default, b4 = default;
                for (int u = firstU; u <= lastU; u++)
                {
                    // Padded row (y - u) + 1 holds dy row y - u.
                    float* source = padded + (y + 1 - u) * rowStride + block * Lanes, w = weights + u * kernel;
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

                var low0 = a0 + carry0;
                var low1 = b0 + carry1;
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

                (carry0, carry1) = (high0, high1);
            }

            Store(row0, carry0, blocks, width);
            if (row1 != null)
            {
                Store(row1, carry1, blocks, width);
            }
        }
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
}
