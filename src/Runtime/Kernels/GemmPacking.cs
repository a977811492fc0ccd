using System;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Butterfly.Kernels;

/// <summary>
/// Copies blocks of the GEMM operands into the panel layout the micro-kernels stream through: A in panels of
/// <c>mr</c> rows stored column by column (<c>packed[p·mr + r] = A(i0 + r, p)</c>), B in panels of <c>nr</c>
/// columns stored row by row (<c>packed[p·nr + c] = B(p, j0 + c)</c>), the last panel padded with zeros. Packing
/// turns any transposition into unit-stride reads for the kernel and keeps a block in cache while it is reused.
/// </summary>
internal static unsafe class GemmPacking
{
    /// <summary>Packs <c>A(i, p) = a[i·rowStride + p·columnStride]</c> for i &lt; rows, p &lt; kc.</summary>
    public static void PackA(float* a, nint rowStride, nint columnStride, int rows, int kc, int mr, float* packed)
    {
        for (int i0 = 0; i0 < rows; i0 += mr)
        {
            int height = Math.Min(mr, rows - i0);
            float* panel = packed + (nint)i0 * kc;
            if (rowStride == 1)
            {
                // Aᵀ stored row-major: each step p is a contiguous run of the panel's rows.
                Copy(a + i0, columnStride, kc, height, mr, panel);
            }
            else
            {
                Transpose(a + i0 * rowStride, rowStride, columnStride, height, kc, mr, panel);
            }
        }
    }

    /// <summary>Packs <c>B(p, j) = b[p·rowStride + j·columnStride]</c> for p &lt; kc, j &lt; columns.</summary>
    public static void PackB(float* b, nint rowStride, nint columnStride, int kc, int columns, int nr, float* packed)
    {
        for (int j0 = 0; j0 < columns; j0 += nr)
        {
            int width = Math.Min(nr, columns - j0);
            float* panel = packed + (nint)j0 * kc;
            if (columnStride == 1)
            {
                Copy(b + j0, rowStride, kc, width, nr, panel);
            }
            else
            {
                // Bᵀ stored row-major (the weights of A·Bᵀ).
                Transpose(b + j0 * columnStride, columnStride, rowStride, width, kc, nr, panel);
            }
        }
    }

    /// <summary>
    /// <c>panel[p·width + r] = source[p·stride + r]</c> for r &lt; count, zeros up to width. A full panel row (16 or 32
    /// floats) is moved with 32-byte loads and stores: a <c>Span.CopyTo</c> call per row cost more than the copy.
    /// </summary>
    private static void Copy(float* source, nint stride, int kc, int count, int width, float* panel)
    {
        if (count == width && width % 8 == 0 && Vector256.IsHardwareAccelerated)
        {
            for (int p = 0; p < kc; p++)
            {
                float* from = source + p * stride, to = panel + p * width;
                for (int r = 0; r < width; r += 8)
                {
                    Vector256.Store(Vector256.Load(from + r), to + r);
                }
            }

            return;
        }

        for (int p = 0; p < kc; p++)
        {
            float* target = panel + p * width;
            new ReadOnlySpan<float>(source + p * stride, count).CopyTo(new Span<float>(target, count));
            new Span<float>(target + count, width - count).Clear();
        }
    }

    /// <summary>
    /// <c>panel[p·width + r] = source[r·lineStride + p·step]</c> for r &lt; count, p &lt; kc, zeros up to width: the
    /// panel's <paramref name="count"/> lines interleaved step by step. Lines read with unit step go four at a time
    /// through 4 × 4 register transposes (four 16-byte loads and stores per 16 floats instead of 16 scalar moves, which
    /// made packing A a seventh of a 1024³ product).
    /// </summary>
    private static void Transpose(float* source, nint lineStride, nint step, int count, int kc, int width, float* panel)
    {
        int r = 0;
        if (step == 1 && Sse.IsSupported)
        {
            for (; r <= count - 4; r += 4)
            {
                float* s0 = source + r * lineStride, s1 = s0 + lineStride, s2 = s1 + lineStride, s3 = s2 + lineStride;
                float* target = panel + r;
                int p = 0;
                for (; p <= kc - 4; p += 4)
                {
                    var r0 = Sse.LoadVector128(s0 + p);
                    var r1 = Sse.LoadVector128(s1 + p);
                    var r2 = Sse.LoadVector128(s2 + p);
                    var r3 = Sse.LoadVector128(s3 + p);
                    var low01 = Sse.UnpackLow(r0, r1);   // r0[0] r1[0] r0[1] r1[1]
                    var high01 = Sse.UnpackHigh(r0, r1); // r0[2] r1[2] r0[3] r1[3]
                    var low23 = Sse.UnpackLow(r2, r3);
                    var high23 = Sse.UnpackHigh(r2, r3);
                    float* t = target + p * width;
                    Sse.Store(t, Sse.MoveLowToHigh(low01, low23));
                    Sse.Store(t + width, Sse.MoveHighToLow(low23, low01));
                    Sse.Store(t + 2 * width, Sse.MoveLowToHigh(high01, high23));
                    Sse.Store(t + 3 * width, Sse.MoveHighToLow(high23, high01));
                }

                for (; p < kc; p++)
                {
                    float* t = target + p * width;
                    t[0] = s0[p];
                    t[1] = s1[p];
                    t[2] = s2[p];
                    t[3] = s3[p];
                }
            }
        }

        for (; r < count; r++)
        {
            float* line = source + r * lineStride;
            for (int p = 0; p < kc; p++)
            {
                panel[p * width + r] = line[p * step];
            }
        }

        if (count < width)
        {
            for (int p = 0; p < kc; p++)
            {
                new Span<float>(panel + p * width + count, width - count).Clear();
            }
        }
    }
}
