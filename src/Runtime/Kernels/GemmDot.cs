namespace Butterfly.Kernels;

/// <summary>
/// <c>C = init + A Bᵀ</c> for a few rows of A, from dot-product tiles that read both operands in place (see
/// <see cref="GemmDotTile512"/>). Rows go four at a time, then one at a time; columns in groups of
/// <see cref="GroupWidth"/>, then one at a time.
/// </summary>
internal static unsafe class GemmDot
{
    /// <summary>Columns per tile; a thread's share of the columns is a whole number of groups.</summary>
    public const int GroupWidth = 4;

    private static readonly float[] s_zeros = new float[8];

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

    private static void Rows(in GemmProblem problem, int row, int height, int j0, int j1, float* zeros)
    {
        bool wide = Simd.Path == SimdPath.Vector512;
        int k = problem.K;
        nint lda = problem.ARow, ldb = problem.BColumn, ldc = problem.Ldc;
        float* a = problem.A + row * lda;
        float* cRow = problem.C + row * ldc;
        int j = j0;
        if (height == 1)
        {
            // One row (batch 1, or the last rows of a batch): eight columns at a time keep eight independent
            // accumulator chains, enough to hide the FMA latency.
            for (; j <= j1 - 8; j += 8)
            {
                float* init = problem.Accumulate ? cRow + j : problem.Bias != null ? problem.Bias + j : zeros;
                if (wide)
                {
                    GemmDotTile512.Dot1x8(a, problem.B + j * ldb, ldb, k, cRow + j, init);
                }
                else
                {
                    GemmDotTile256.Dot1x8(a, problem.B + j * ldb, ldb, k, cRow + j, init);
                }
            }
        }

        for (; j <= j1 - GroupWidth; j += GroupWidth)
        {
            float* b = problem.B + j * ldb;
            float* c = cRow + j;
            float* init = problem.Accumulate ? c : problem.Bias != null ? problem.Bias + j : zeros;
            nint initStride = problem.Accumulate ? ldc : 0;
            switch (height, wide)
            {
                case (4, true):
                    GemmDotTile512.Dot4x4(a, lda, b, ldb, k, c, ldc, init, initStride);
                    break;
                case (4, false):
                    GemmDotTile256.Dot4x4(a, lda, b, ldb, k, c, ldc, init, initStride);
                    break;
                case (_, true):
                    GemmDotTile512.Dot1x4(a, lda, b, ldb, k, c, ldc, init, initStride);
                    break;
                default:
                    GemmDotTile256.Dot1x4(a, lda, b, ldb, k, c, ldc, init, initStride);
                    break;
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
