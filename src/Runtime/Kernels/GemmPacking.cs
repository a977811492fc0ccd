using System;

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
                for (int p = 0; p < kc; p++)
                {
                    float* source = a + p * columnStride + i0;
                    float* target = panel + p * mr;
                    new ReadOnlySpan<float>(source, height).CopyTo(new Span<float>(target, height));
                    new Span<float>(target + height, mr - height).Clear();
                }
            }
            else
            {
                for (int r = 0; r < height; r++)
                {
                    float* source = a + (i0 + r) * rowStride;
                    for (int p = 0; p < kc; p++)
                    {
                        panel[p * mr + r] = source[p * columnStride];
                    }
                }

                for (int r = height; r < mr; r++)
                {
                    for (int p = 0; p < kc; p++)
                    {
                        panel[p * mr + r] = 0f;
                    }
                }
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
                for (int p = 0; p < kc; p++)
                {
                    float* target = panel + p * nr;
                    new ReadOnlySpan<float>(b + p * rowStride + j0, width).CopyTo(new Span<float>(target, width));
                    new Span<float>(target + width, nr - width).Clear();
                }
            }
            else
            {
                // Bᵀ stored row-major (the weights of A·Bᵀ): gather one column of each of the panel's rows per step,
                // so the writes stay sequential and the reads are nr unit-stride streams.
                for (int p = 0; p < kc; p++)
                {
                    float* target = panel + p * nr;
                    float* source = b + p * rowStride + j0 * columnStride;
                    for (int c = 0; c < width; c++)
                    {
                        target[c] = source[c * columnStride];
                    }

                    for (int c = width; c < nr; c++)
                    {
                        target[c] = 0f;
                    }
                }
            }
        }
    }
}
