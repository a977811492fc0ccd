using System;
using System.ComponentModel;
using System.Numerics.Tensors;

namespace Butterfly.Kernels;

/// <summary>
/// Matrix-vector products: the batch-1 form of a dense layer, where a GEMM would waste its packing. Each output
/// is a dot product of one weight row with the input, read as one stream with eight accumulators (the weights come
/// from L2 on every call, and one stream is what the hardware prefetchers follow at full L2 bandwidth; eight rows
/// side by side, the earlier tile, took 1.5 times longer for W1's first layer). It is the same kernel
/// <see cref="Gemm.ABt"/> uses for one row, so <c>Predict</c> and a batch of one through <c>Forward</c> give the
/// same bits; in larger batches rows go through 4 × 4 tiles, equal within rounding. From 2¹⁶ multiply-adds the outputs
/// are split between up to <see cref="Parallelism.PredictThreadCount"/> threads in whole groups, with the same bits.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static unsafe class Gemv
{
    /// <summary><c>y[n] = W[n×k] · x[k] + b[n]</c>.</summary>
    public static void MultiplyAddBias(ReadOnlySpan<float> w, ReadOnlySpan<float> x, ReadOnlySpan<float> bias, Span<float> y, int n, int k)
    {
        if (w.Length < (long)n * k)
        {
            throw new ArgumentException($"w must hold at least n*k = {(long)n * k} floats (got {w.Length}).", nameof(w));
        }

        x = x.Slice(0, k);
        bias = bias.Slice(0, n);
        y = y.Slice(0, n);
        if (!GemmDot.Available)
        {
            for (int j = 0; j < n; j++)
            {
                y[j] = TensorPrimitives.Dot(w.Slice(j * k, k), x) + bias[j];
            }

            return;
        }

        fixed (float* pw = w, px = x, pb = bias, py = y)
        {
            var problem = new GemmProblem { A = px, ARow = k, AColumn = 1, B = pw, BRow = 1, BColumn = k, C = py, Ldc = n, Bias = pb, M = 1, N = n, K = k };
            int parts = (long)n * k >= Gemm.SmallParallelThreshold
                ? Math.Min(Parallelism.PredictThreadCount, (n + GemmDot.GroupWidth - 1) / GemmDot.GroupWidth)
                : 1;
            if (parts == 1)
            {
                GemmDot.Run(problem, 0, n);
                return;
            }

            // Each thread takes whole groups of outputs (GemmJob), every output the same one-row dot product.
            var job = GemmJob.ForThisThread;
            job.Problem = problem;
            job.Outer = false;
            WorkerPool.Shared.Run(job, parts);
        }
    }
}
