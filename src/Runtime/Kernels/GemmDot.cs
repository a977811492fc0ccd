using System;
using System.Runtime.CompilerServices;

namespace Butterfly.Kernels;

/// <summary>
/// <c>C = init + A Bᵀ</c> for a few rows of A, from dot-product tiles that read both operands in place (see
/// <see cref="GemmDotTile512"/>). Rows go four at a time, columns in groups of <see cref="GroupWidth"/> and then one
/// at a time; a row left over (or a batch of one) takes each column's dot product alone (<c>Row</c>).
/// </summary>
internal static unsafe class GemmDot
{
    /// <summary>Columns per tile; a thread's share of the columns is a whole number of groups.</summary>
    public const int GroupWidth = 4;

    private static readonly float[] s_zeros = new float[GroupWidth];

    [ThreadStatic]
    private static float[]? t_row;

    /// <summary>Whether the dot tiles exist for the current path (they need 256- or 512-bit vectors).</summary>
    public static bool Available => Simd.Path != SimdPath.VectorT;

    /// <summary>Computes columns [<paramref name="j0"/>, <paramref name="j1"/>) of <c>C = init + A Bᵀ</c>; A and B row-major along k.</summary>
    public static void Run(in GemmProblem problem, int j0, int j1)
    {
        fixed (float* zeros = s_zeros)
        {
            int i = 0;
            for (; i <= problem.M - 4; i += 4)
            {
                Rows(problem, i, 4, j0, j1, zeros);
            }

            for (; i < problem.M; i++)
            {
                Rows(problem, i, 1, j0, j1, zeros);
            }
        }
    }

    /// <summary><paramref name="row"/> itself if it is 64-byte aligned, else a copy in this thread's aligned buffer.</summary>
    private static float* AlignedCopy(float* row, int k)
    {
        if (((nint)row & 63) == 0)
        {
            return row;
        }

        var buffer = t_row;
        if (buffer is null || buffer.Length < k + 16)
        {
            buffer = t_row = GC.AllocateUninitializedArray<float>(k + 16, pinned: true);
        }

        float* copy = (float*)(((nint)Unsafe.AsPointer(ref buffer[0]) + 63) & ~(nint)63);
        new ReadOnlySpan<float>(row, k).CopyTo(new Span<float>(copy, k));
        return copy;
    }

    private static void Rows(in GemmProblem problem, int row, int height, int j0, int j1, float* zeros)
    {
        bool wide = Simd.Path == SimdPath.Vector512;
        int k = problem.K;
        nint lda = problem.ARow, ldb = problem.BColumn, ldc = problem.Ldc;
        float* a = problem.A + row * lda;
        float* cRow = problem.C + row * ldc;
        if (height == 1)
        {
            // One row (batch 1, or the last rows of a batch): each column is its own dot product, read as one stream.
            // The row is read once per column: from a 64-byte aligned copy, so that its loads never straddle two lines.
            a = AlignedCopy(a, k);
            if (wide && ((nint)problem.B & 63) == 0 && ldb % 16 == 0)
            {
                // Every row of B on a line boundary (a network's parameters, with rows of whole lines): the loop with
                // the dot product inlined (W1's 100 x 784 took 2.06 us against 2.31 calling it per column).
                for (int column = j0; column < j1; column++)
                {
                    cRow[column] = (problem.Accumulate ? cRow[column] : problem.Bias != null ? problem.Bias[column] : 0f)
                        + GemmDotTile512.AlignedRow(a, problem.B + column * ldb, k);
                }

                return;
            }

            for (int column = j0; column < j1; column++)
            {
                float* b = problem.B + column * ldb;
                float dot = wide ? GemmDotTile512.Row(a, b, k) : GemmDotTile256.Row(a, b, k);
                cRow[column] = (problem.Accumulate ? cRow[column] : problem.Bias != null ? problem.Bias[column] : 0f) + dot;
            }

            return;
        }

        int j = j0;
        for (; j <= j1 - GroupWidth; j += GroupWidth)
        {
            float* b = problem.B + j * ldb;
            float* c = cRow + j;
            float* init = problem.Accumulate ? c : problem.Bias != null ? problem.Bias + j : zeros;
            nint initStride = problem.Accumulate ? ldc : 0;
            if (wide)
            {
                GemmDotTile512.Dot4x4(a, lda, b, ldb, k, c, ldc, init, initStride);
            }
            else
            {
                GemmDotTile256.Dot4x4(a, lda, b, ldb, k, c, ldc, init, initStride);
            }
        }

        for (int r = 0; r < height; r++)
        {
            float* aRow = a + r * lda;
            float* c = cRow + r * ldc;
            for (int jj = j; jj < j1; jj++)
            {
                float* b = problem.B + jj * ldb;
                float dot = wide ? GemmDotTile512.Dot1x1(aRow, b, k) : GemmDotTile256.Dot1x1(aRow, b, k);
                c[jj] = (problem.Accumulate ? c[jj] : problem.Bias != null ? problem.Bias[jj] : 0f) + dot;
            }
        }
    }
}
