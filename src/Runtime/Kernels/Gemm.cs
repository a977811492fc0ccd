using System;
using System.ComponentModel;
using System.Numerics.Tensors;

namespace Butterfly.Kernels;

/// <summary>
/// Single-precision matrix products over row-major spans, in the three transposition variants training needs:
/// forward <c>Z = X Wᵀ (+ b)</c>, backward <c>dX = dZ W</c> and <c>dW = dZᵀ X</c>. Large products run the packed,
/// cache-blocked micro-kernel of the widest instruction set (<see cref="GemmBlocked"/>), split over
/// <see cref="Parallelism.ThreadCount"/> threads; A·Bᵀ with few rows reads both operands in place
/// (<see cref="GemmDot"/>); a product over one step (k = 1) is an outer product. No call allocates once each
/// thread has made its packing buffers, and the result does not depend on the thread count.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static unsafe class Gemm
{
    /// <summary>Multiply-adds (m·n·k) from which a packed product is split between threads: about 10 µs of one core.</summary>
    internal const long ParallelThreshold = 1L << 20;

    /// <summary>
    /// Multiply-adds from which dot tiles and outer products are split: lower, since they pack nothing per thread
    /// and each thread then keeps its half of a layer's weights (and their gradient) in its own L2 from step to step.
    /// </summary>
    internal const long SmallParallelThreshold = 1L << 16;

    /// <summary>
    /// Rows of A up to which A·Bᵀ uses the dot tiles rather than packing the transpose of B (at any row count when C has
    /// fewer columns than a packed panel).
    /// </summary>
    internal const int DotRowLimit = 48;

    /// <summary>Steps up to which a one-row product with a row-major B is summed row by row instead of packed.</summary>
    internal const int RowCombinationDepth = 64;

    /// <summary><c>C[m×n] = A[m×k] · B[n×k]ᵀ</c>, or <c>C += ...</c> when <paramref name="accumulate"/>.</summary>
    public static void ABt(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int n, int k, bool accumulate = false)
    {
        CheckShapes(a.Length, b.Length, c.Length, m, n, k);
        fixed (float* pa = a, pb = b, pc = c)
        {
            Run(new GemmProblem { A = pa, ARow = k, AColumn = 1, B = pb, BRow = 1, BColumn = k, C = pc, Ldc = n, M = m, N = n, K = k, Accumulate = accumulate });
        }
    }

    /// <summary><c>C[m×n] = A[m×k] · B[n×k]ᵀ + 1 biasᵀ</c>: a dense layer's forward pass, the bias fused into the product.</summary>
    public static void ABtAddBias(ReadOnlySpan<float> a, ReadOnlySpan<float> b, ReadOnlySpan<float> bias, Span<float> c, int m, int n, int k)
    {
        CheckShapes(a.Length, b.Length, c.Length, m, n, k);
        if (bias.Length < n)
        {
            throw new ArgumentException($"bias must hold at least n = {n} floats (got {bias.Length}).", nameof(bias));
        }

        fixed (float* pa = a, pb = b, pc = c, pbias = bias)
        {
            Run(new GemmProblem { A = pa, ARow = k, AColumn = 1, B = pb, BRow = 1, BColumn = k, C = pc, Ldc = n, Bias = pbias, M = m, N = n, K = k });
        }
    }

    /// <summary><c>C[m×n] = A[m×k] · B[k×n]</c>, or <c>C += ...</c> when <paramref name="accumulate"/>.</summary>
    public static void AB(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int n, int k, bool accumulate = false)
    {
        CheckShapes(a.Length, b.Length, c.Length, m, n, k);
        fixed (float* pa = a, pb = b, pc = c)
        {
            Run(new GemmProblem { A = pa, ARow = k, AColumn = 1, B = pb, BRow = n, BColumn = 1, C = pc, Ldc = n, M = m, N = n, K = k, Accumulate = accumulate });
        }
    }

    /// <summary><c>C[m×n] = A[k×m]ᵀ · B[k×n]</c>, or <c>C += ...</c> when <paramref name="accumulate"/>.</summary>
    public static void AtB(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int n, int k, bool accumulate = false)
    {
        CheckShapes(a.Length, b.Length, c.Length, m, n, k);
        fixed (float* pa = a, pb = b, pc = c)
        {
            Run(new GemmProblem { A = pa, ARow = 1, AColumn = m, B = pb, BRow = n, BColumn = 1, C = pc, Ldc = n, M = m, N = n, K = k, Accumulate = accumulate });
        }
    }

    private static void Run(in GemmProblem problem)
    {
        if (problem.M == 0 || problem.N == 0)
        {
            return;
        }

        var job = GemmJob.ForThisThread;
        job.Problem = problem;
        job.Outer = problem.K <= 1;
        if (job.Outer)
        {
            int rowParts = (long)problem.M * problem.N >= SmallParallelThreshold ? Math.Min(Parallelism.ThreadCount, problem.M) : 1;
            if (rowParts == 1)
            {
                OuterProduct(problem, 0, problem.M);
            }
            else
            {
                WorkerPool.Shared.Run(job, rowParts);
            }

            return;
        }

        if (problem.M == 1 && problem.BColumn == 1 && problem.K <= RowCombinationDepth)
        {
            RowCombination(problem);
            return;
        }

        // Fewer columns than one packed panel would pad every panel of the packed kernel with waste.
        bool dot = GemmDot.Available && problem.BRow == 1 && problem.AColumn == 1 && (problem.M <= DotRowLimit || problem.N < GemmBlocked.PanelWidth);
        long multiplyAdds = (long)problem.M * problem.N * problem.K;
        if (!dot)
        {
            GemmBlocked.Run(problem, multiplyAdds >= ParallelThreshold ? Parallelism.ThreadCount : 1);
            return;
        }

        int parts = 1;
        if (multiplyAdds >= SmallParallelThreshold)
        {
            int groups = (problem.N + GemmDot.GroupWidth - 1) / GemmDot.GroupWidth;
            parts = Math.Min(Parallelism.ThreadCount, groups);
        }

        if (parts == 1)
        {
            job.Run(0, 1);
        }
        else
        {
            WorkerPool.Shared.Run(job, parts);
        }
    }

    /// <summary>
    /// <c>c = init + Σ_p a[p] B(p, :)</c>: one row times a row-major B, as a sum of B's rows (batch-1 backward
    /// <c>dx = Wᵀ dy</c>), which needs no packing.
    /// </summary>
    private static void RowCombination(in GemmProblem problem)
    {
        int n = problem.N;
        var c = new Span<float>(problem.C, n);
        if (!problem.Accumulate)
        {
            if (problem.Bias == null)
            {
                c.Clear();
            }
            else
            {
                new ReadOnlySpan<float>(problem.Bias, n).CopyTo(c);
            }
        }

        for (int p = 0; p < problem.K; p++)
        {
            TensorPrimitives.FusedMultiplyAdd(new ReadOnlySpan<float>(problem.B + p * problem.BRow, n), problem.A[p * problem.AColumn], c, c);
        }
    }

    /// <summary>
    /// Rows [<paramref name="i0"/>, <paramref name="i1"/>) of <c>C[i, :] = init[i, :] + A(i, 0) · B(0, :)</c>: a
    /// product over a single step (k = 1), or <c>C = init</c> when k = 0.
    /// </summary>
    internal static void OuterProduct(in GemmProblem problem, int i0, int i1)
    {
        int n = problem.N;
        var bias = problem.Bias == null ? default : new ReadOnlySpan<float>(problem.Bias, n);
        var bRow = new ReadOnlySpan<float>(problem.B, n);
        for (int i = i0; i < i1; i++)
        {
            var cRow = new Span<float>(problem.C + i * problem.Ldc, n);
            if (problem.K == 0)
            {
                if (!problem.Accumulate)
                {
                    if (bias.IsEmpty)
                    {
                        cRow.Clear();
                    }
                    else
                    {
                        bias.CopyTo(cRow);
                    }
                }

                continue;
            }

            float scale = problem.A[i * problem.ARow];
            if (problem.Accumulate)
            {
                TensorPrimitives.FusedMultiplyAdd(bRow, scale, cRow, cRow);
            }
            else if (!bias.IsEmpty)
            {
                TensorPrimitives.FusedMultiplyAdd(bRow, scale, bias, cRow);
            }
            else
            {
                TensorPrimitives.Multiply(bRow, scale, cRow);
            }
        }
    }

    private static void CheckShapes(int aLength, int bLength, int cLength, int m, int n, int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(m);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        if (aLength < (long)m * k)
        {
            throw new ArgumentException($"a must hold at least m*k = {(long)m * k} floats (got {aLength}).", "a");
        }

        if (bLength < (long)n * k)
        {
            throw new ArgumentException($"b must hold at least n*k = {(long)n * k} floats (got {bLength}).", "b");
        }

        if (cLength < (long)m * n)
        {
            throw new ArgumentException($"c must hold at least m*n = {(long)m * n} floats (got {cLength}).", "c");
        }
    }
}
