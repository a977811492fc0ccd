using System;
using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Butterfly.Kernels;

/// <summary>
/// The packed, cache-blocked GEMM (the Goto/BLIS loop nest):
/// <code>
/// for each block of NC columns:
///   for each block of KC steps:
///     pack B block [KC×NC]               (shared by all threads, each packs a share of its panels; lives in L3)
///     for each block of MC rows:         (split between threads by rows)
///       pack A block [MC×KC]             (each thread its own rows; lives in L2)
///       for each NR-wide panel of B:     one B panel [KC×NR] stays in L1
///         for each MR-tall panel of A:   micro-kernel C[MR×NR] (+)= A panel · B panel
/// </code>
/// The threads share the packed B block, so neither operand is packed twice, and each element of C is computed by
/// one thread and reduced over k in the same order however the work is split: the result does not depend on the
/// thread count. Each block is two runs of the worker pool (pack, then multiply); returning from the first is the
/// barrier before any thread reads the packed block. The multiply pieces are sized by how fast each thread went in the
/// runs before (<see cref="PieceSpeeds"/>), which moves only where a thread's rows or columns start.
/// </summary>
internal sealed unsafe class GemmBlocked : ParallelJob
{
    /// <summary>
    /// Steps of k per packed block. Every k block loads and stores each C tile once more, and on a shared host C
    /// comes from an L3 that other tenants also fill: with up to 1024 steps per block (all of k, for the products
    /// training makes) C is written once. The B panel, 1024 × 32 floats = 128 KB, then lives in L2 rather than L1,
    /// which costs nothing measurable: the tile reads 128 bytes of it per 12 cycles of multiply-adds. Measured on the
    /// 2-vCPU Zen 5 host against KC = 256 (MC = 192), alternating in one process: a 1024³ product on two threads
    /// 332-337 → 365-376 GFLOP/s, on one 186-188 → 193-194; 256-row products 2-14% faster; the AVX2 path level.
    /// </summary>
    public const int KC = 1024;

    /// <summary>Rows of A per packed block (a multiple of every MR): 96 × 1024 floats is 384 KB, beside the 128 KB B panel in a 1 MB L2.</summary>
    public const int MC = 96;

    /// <summary>
    /// Columns of B per packed block: up to 1024 × 1024 floats, 4 MB, read from L3 by every thread, and a
    /// 1024-wide product packs its A only once. Each B panel is used for MC / MR tiles of up to 1024 steps, so the
    /// block is read at about 1.3 bytes per cycle.
    /// </summary>
    public const int NC = 1024;

    /// <summary>Row tiles each thread must get before the rows can be split; below, the columns of each block are.</summary>
    private const int RowTilesPerThread = 4;

    /// <summary>
    /// Panels each thread must get before the columns can be split. Fewer would leave the threads unevenly loaded by
    /// a part-width last panel.
    /// </summary>
    private const int PanelsPerThread = 4;

    /// <summary>
    /// <see cref="MC"/> blocks each thread must get before the rows are split rather than the columns. With the rows
    /// split, every thread reads the whole shared B block once per block of its rows, half of it packed by the other
    /// core; with the columns split, each thread packs and reads only its own B panels and packs all of the (small) A
    /// itself. Measured on the 2-vCPU Zen 5 host, alternating the two in one process: the column split was 8-37%
    /// faster for 256 and 512 rows (at most 256 rows per thread) and level with the row split at 1024.
    /// </summary>
    private const int RowBlocksPerThread = 4;

    [ThreadStatic]
    private static GemmBlocked? t_job;

    [ThreadStatic]
    private static float[]? t_packedA;

    private float[]? _packedBStore;
    private GemmProblem _problem;
    private delegate*<int, float*, float*, float*, nint, float*, nint, void> _tile;
    private int _mr, _nr;
    private float* _packedB;
    private int _jc, _nc, _pc, _kc;
    private bool _packing;
    private bool _splitRows;

    /// <summary>The threads' speeds in the compute pass, by which its pieces are sized.</summary>
    private readonly PieceSpeeds _speeds = new();

    /// <summary>The columns of C are split into panels this wide.</summary>
    public static int PanelWidth => Simd.Path switch
    {
        SimdPath.Vector512 => GemmTile512.Columns,
        SimdPath.Vector256 => GemmTile256.Columns,
        _ => GemmTileVector.Columns,
    };

    /// <summary>Computes the problem's C on up to <paramref name="threads"/> threads.</summary>
    public static void Run(in GemmProblem problem, int threads)
    {
        var job = t_job ??= new GemmBlocked();
        job.Multiply(problem, threads);
    }

    private void Multiply(in GemmProblem problem, int threads)
    {
        switch (Simd.Path)
        {
            case SimdPath.Vector512:
                _tile = &GemmTile512.Multiply;
                (_mr, _nr) = (GemmTile512.Rows, GemmTile512.Columns);
                break;
            case SimdPath.Vector256:
                _tile = &GemmTile256.Multiply;
                (_mr, _nr) = (GemmTile256.Rows, GemmTile256.Columns);
                break;
            default:
                _tile = &GemmTileVector.Multiply;
                (_mr, _nr) = (GemmTileVector.Rows, GemmTileVector.Columns);
                break;
        }

        _problem = problem;
        int rowTiles = (problem.M + _mr - 1) / _mr;
        int panelsAll = (problem.N + _nr - 1) / _nr;
        bool rowsSuffice = rowTiles >= RowTilesPerThread * threads;
        bool columnsSuffice = panelsAll >= PanelsPerThread * threads;
        _splitRows = rowsSuffice && (!columnsSuffice || problem.M > RowBlocksPerThread * MC * threads);
        // The packed B block for this product's k blocks and column blocks, grown when a larger product comes.
        int kBlocksAll = (problem.K + KC - 1) / KC;
        long blockFloats = (kBlocksAll == 0 ? 0 : (long)(problem.K + kBlocksAll - 1) / kBlocksAll) * (Math.Min(NC, problem.N) + GemmTile512.Columns) + 16;
        if (_packedBStore is null || _packedBStore.Length < blockFloats)
        {
            _packedBStore = GC.AllocateUninitializedArray<float>((int)blockFloats, pinned: true);
        }

        _packedB = Aligned(_packedBStore);
        var pool = WorkerPool.Shared;
        for (_jc = 0; _jc < problem.N; _jc += NC)
        {
            _nc = Math.Min(NC, problem.N - _jc);
            int panels = (_nc + _nr - 1) / _nr;
            // k in equal blocks of at most KC (2100 = 3 × 700, not 2 × 1024 + 52: a short block would spend more on
            // loading and storing its C tiles than on multiplying).
            int kBlocks = (problem.K + KC - 1) / KC;
            int kcEach = kBlocks == 0 ? 0 : (problem.K + kBlocks - 1) / kBlocks;
            for (_pc = 0; _pc < problem.K; _pc += kcEach)
            {
                _kc = Math.Min(kcEach, problem.K - _pc);
                _packing = true;
                pool.Run(this, Math.Min(threads, panels));
                _packing = false;
                int units = _splitRows ? rowTiles : panels;
                _speeds.Run(this, units, Math.Min(threads, units));
            }
        }
    }

    public override void Run(int part, int parts)
    {
        int panels = (_nc + _nr - 1) / _nr;
        if (_packing)
        {
            int first = (int)((long)panels * part / parts), last = (int)((long)panels * (part + 1) / parts);
            int j0 = first * _nr, j1 = Math.Min(_nc, last * _nr);
            if (j0 < j1)
            {
                GemmPacking.PackB(
                    _problem.B + _pc * _problem.BRow + (_jc + j0) * _problem.BColumn, _problem.BRow, _problem.BColumn, _kc, j1 - j0, _nr, _packedB + (nint)j0 * _kc);
            }

            return;
        }

        long start = Stopwatch.GetTimestamp();
        int from = _speeds.First(part), to = _speeds.First(part + 1);
        if (_splitRows)
        {
            Compute(from * _mr, Math.Min(_problem.M, to * _mr), 0, _nc);
        }
        else
        {
            Compute(0, _problem.M, from * _nr, Math.Min(_nc, to * _nr));
        }

        _speeds.Ran(part, start);
    }

    /// <summary>Rows [<paramref name="i0"/>, <paramref name="i1"/>) × block columns [<paramref name="j0"/>, <paramref name="j1"/>) of the current block.</summary>
    private void Compute(int i0, int i1, int j0, int j1)
    {
        if (i0 >= i1 || j0 >= j1)
        {
            return;
        }

        ref readonly var problem = ref _problem;
        var tile = _tile;
        int mr = _mr, nr = _nr, kc = _kc;
        bool first = _pc == 0;
        nint ldc = problem.Ldc;
        float* packedA = Aligned(t_packedA ??= GC.AllocateUninitializedArray<float>(MC * KC + 16, pinned: true));
        float* edge = stackalloc float[GemmTile512.Rows * GemmTile512.Columns];
        for (int ic = i0; ic < i1; ic += MC)
        {
            int mc = Math.Min(MC, i1 - ic);
            GemmPacking.PackA(problem.A + ic * problem.ARow + _pc * problem.AColumn, problem.ARow, problem.AColumn, mc, kc, mr, packedA);
            for (int jr = j0; jr < j1; jr += nr)
            {
                int width = Math.Min(nr, j1 - jr);
                float* panelB = _packedB + (nint)jr * kc;
                for (int ir = 0; ir < mc; ir += mr)
                {
                    int height = Math.Min(mr, mc - ir);
                    float* c = problem.C + (ic + ir) * ldc + _jc + jr;
                    float* panelA = packedA + (nint)ir * kc;
                    // The tile adds its sums to C itself (a later k block, or accumulating), to the bias row (the fused
                    // bias), or to nothing.
                    float* init = null;
                    nint initStride = 0;
                    if (!first || problem.Accumulate)
                    {
                        init = c;
                        initStride = ldc;
                    }
                    else if (problem.Bias != null)
                    {
                        init = problem.Bias + _jc + jr;
                    }

                    if (height == mr && width == nr)
                    {
                        tile(kc, panelA, panelB, c, ldc, init, initStride);
                    }
                    else
                    {
                        EdgeTile(tile, kc, panelA, panelB, c, ldc, init, initStride, height, width, nr, edge);
                    }
                }
            }
        }
    }

    /// <summary>
    /// A tile cut by C's edge: the full tile is computed in <paramref name="edge"/>, from the part of its initial value
    /// inside C, and that part copied out.
    /// </summary>
    private static void EdgeTile(
        delegate*<int, float*, float*, float*, nint, float*, nint, void> tile,
        int kc, float* panelA, float* panelB, float* c, nint ldc, float* init, nint initStride, int height, int width, int nr, float* edge)
    {
        if (init != null)
        {
            for (int r = 0; r < height; r++)
            {
                new ReadOnlySpan<float>(init + r * initStride, width).CopyTo(new Span<float>(edge + r * nr, width));
            }
        }

        tile(kc, panelA, panelB, edge, nr, init != null ? edge : null, nr);
        for (int r = 0; r < height; r++)
        {
            new ReadOnlySpan<float>(edge + r * nr, width).CopyTo(new Span<float>(c + r * ldc, width));
        }
    }

    /// <summary>The first 64-byte boundary in a pinned buffer.</summary>
    private static float* Aligned(float[] pinned) => (float*)(((nint)Unsafe.AsPointer(ref pinned[0]) + 63) & ~(nint)63);
}
