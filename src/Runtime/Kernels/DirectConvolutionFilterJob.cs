using System;

namespace Butterfly.Kernels;

public static unsafe partial class DirectConvolution
{
    /// <summary>
    /// One sample's convolution with its filters shared among threads: piece <c>t</c> of <c>T</c> takes the groups of
    /// <see cref="TileFilters"/> filters [t·G/T, (t+1)·G/T), the last piece also the filters left over, and computes them
    /// as a convolution of its own (its weights, biases and output planes are a contiguous part of the whole). An output
    /// is computed by the same tile code whichever piece holds it, so the bits do not depend on the thread count.
    /// </summary>
    /// <remarks>
    /// Splitting the filters, not the rows, keeps every tile whole: each piece reads the whole (padded) input, which
    /// the calling thread has written once, and a quarter or half of the weights.
    /// </remarks>
    private sealed class FilterJob : ParallelJob
    {
        [ThreadStatic]
        private static FilterJob? t_job;

        private float* _x;
        private float* _weights;
        private float* _bias;
        private ConvolutionShape _shape;
        private Targets _targets;

        /// <summary>
        /// Computes every output of <paramref name="shape"/> (unpadded, over the input <paramref name="x"/>) in pieces of
        /// whole filter groups, up to <see cref="Parallelism.PredictThreadCount"/> of them.
        /// </summary>
        public static void Run(float* x, float* weights, float* bias, ConvolutionShape shape, Targets targets)
        {
            int parts = Math.Min(Parallelism.PredictThreadCount, shape.Filters / TileFilters);
            if (parts <= 1)
            {
                Compute(x, weights, bias, shape, targets);
                return;
            }

            var job = t_job ??= new FilterJob();
            job._x = x;
            job._weights = weights;
            job._bias = bias;
            (job._shape, job._targets) = (shape, targets);
            WorkerPool.Shared.Run(job, parts);
        }

        public override void Run(int part, int parts)
        {
            var shape = _shape;
            int groups = shape.Filters / TileFilters;
            int first = groups * part / parts * TileFilters;
            int end = part == parts - 1 ? shape.Filters : groups * (part + 1) / parts * TileFilters;
            var filters = new ConvolutionShape(shape.Channels, shape.Height, shape.Width, end - first, shape.Kernel);
            Compute(_x, _weights + (long)first * shape.Window, _bias + first, filters, _targets.At(shape, first, 0, pool: true));
        }
    }
}
