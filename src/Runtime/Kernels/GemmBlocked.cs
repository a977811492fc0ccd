using System;
using System.Runtime.CompilerServices;

namespace Butterfly.Kernels;

/// <summary>
/// The packed, cache-blocked GEMM (the Goto/BLIS loop nest) over a range of C's columns:
/// <code>
/// for each block of NC columns:       B block [KC×NC] packed, lives in L2
///   for each block of KC steps:
///     for each block of MC rows:      A block [MC×KC] packed, lives in L2
///       for each NR-wide panel of B:  one B panel [KC×NR] stays in L1
///         for each MR-tall panel of A: micro-kernel C[MR×NR] (+)= A panel · B panel
/// </code>
/// Each element of C is reduced over k in the same order however the columns are split, so the result does not
/// depend on the thread count.
/// </summary>
internal static unsafe class GemmBlocked
{
    /// <summary>Steps of k per packed block: a B panel of KC × 32 floats is 32 KB, inside L1.</summary>
    public const int KC = 256;

    /// <summary>Rows of A per packed block (a multiple of every MR): 192 × 256 floats is 192 KB of L2.</summary>
    public const int MC = 192;

    /// <summary>Columns of B per packed block: 256 × 512 floats is 512 KB of L2.</summary>
    public const int NC = 512;

    [ThreadStatic]
    private static float[]? t_buffer;

    /// <summary>The columns of C are split into panels this wide; a thread's share is a whole number of them.</summary>
    public static int PanelWidth => Simd.Path switch
    {
        SimdPath.Vector512 => GemmTile512.Columns,
        SimdPath.Vector256 => GemmTile256.Columns,
        _ => GemmTileVector.Columns,
    };

    /// <summary>Computes columns [<paramref name="j0"/>, <paramref name="j1"/>) of the problem's C.</summary>
    public static void Run(in GemmProblem problem, int j0, int j1)
    {
        delegate*<int, float*, float*, float*, nint, bool, void> tile;
        int mr, nr;
        switch (Simd.Path)
        {
            case SimdPath.Vector512:
                tile = &GemmTile512.Multiply;
                mr = GemmTile512.Rows;
                nr = GemmTile512.Columns;
                break;
            case SimdPath.Vector256:
                tile = &GemmTile256.Multiply;
                mr = GemmTile256.Rows;
                nr = GemmTile256.Columns;
                break;
            default:
                tile = &GemmTileVector.Multiply;
                mr = GemmTileVector.Rows;
                nr = GemmTileVector.Columns;
                break;
        }

        float* packedA = Buffers(nr, out float* packedB);
        float* edge = stackalloc float[GemmTile512.Rows * GemmTile512.Columns];
        int m = problem.M, k = problem.K;
        nint ldc = problem.Ldc;
        for (int jc = j0; jc < j1; jc += NC)
        {
            int nc = Math.Min(NC, j1 - jc);
            for (int pc = 0; pc < k; pc += KC)
            {
                int kc = Math.Min(KC, k - pc);
                bool first = pc == 0;
                GemmPacking.PackB(problem.B + pc * problem.BRow + jc * problem.BColumn, problem.BRow, problem.BColumn, kc, nc, nr, packedB);
                for (int ic = 0; ic < m; ic += MC)
                {
                    int mc = Math.Min(MC, m - ic);
                    GemmPacking.PackA(problem.A + ic * problem.ARow + pc * problem.AColumn, problem.ARow, problem.AColumn, mc, kc, mr, packedA);
                    for (int jr = 0; jr < nc; jr += nr)
                    {
                        int width = Math.Min(nr, nc - jr);
                        float* panelB = packedB + (nint)jr * kc;
                        for (int ir = 0; ir < mc; ir += mr)
                        {
                            int height = Math.Min(mr, mc - ir);
                            float* c = problem.C + (ic + ir) * ldc + jc + jr;
                            float* panelA = packedA + (nint)ir * kc;
                            bool loadC = !first || problem.Accumulate;
                            if (first && !problem.Accumulate && problem.Bias != null)
                            {
                                // Fused bias: the tile starts from b instead of 0.
                                float* bias = problem.Bias + jc + jr;
                                for (int r = 0; r < height; r++)
                                {
                                    new ReadOnlySpan<float>(bias, width).CopyTo(new Span<float>(c + r * ldc, width));
                                }

                                loadC = true;
                            }

                            if (height == mr && width == nr)
                            {
                                tile(kc, panelA, panelB, c, ldc, loadC);
                            }
                            else
                            {
                                EdgeTile(tile, kc, panelA, panelB, c, ldc, loadC, height, width, nr, edge);
                            }
                        }
                    }
                }
            }
        }
    }

    /// <summary>A tile cut by C's edge: the full tile is computed in <paramref name="edge"/> and the part inside C copied.</summary>
    private static void EdgeTile(
        delegate*<int, float*, float*, float*, nint, bool, void> tile,
        int kc, float* panelA, float* panelB, float* c, nint ldc, bool loadC, int height, int width, int nr, float* edge)
    {
        if (loadC)
        {
            for (int r = 0; r < height; r++)
            {
                new ReadOnlySpan<float>(c + r * ldc, width).CopyTo(new Span<float>(edge + r * nr, width));
            }
        }

        tile(kc, panelA, panelB, edge, nr, loadC);
        for (int r = 0; r < height; r++)
        {
            new ReadOnlySpan<float>(edge + r * nr, width).CopyTo(new Span<float>(c + r * ldc, width));
        }
    }

    /// <summary>This thread's packing buffers, 64-byte aligned, made once per thread and reused.</summary>
    private static float* Buffers(int nr, out float* packedB)
    {
        const int aFloats = MC * KC;
        int bFloats = KC * (NC + nr);
        int needed = aFloats + bFloats + 32;
        var buffer = t_buffer;
        if (buffer is null || buffer.Length < needed)
        {
            buffer = GC.AllocateUninitializedArray<float>(needed, pinned: true);
            t_buffer = buffer;
        }

        nint start = ((nint)Unsafe.AsPointer(ref buffer[0]) + 63) & ~(nint)63;
        float* packedA = (float*)start;
        packedB = packedA + aFloats + 16;
        return packedA;
    }
}
