using System;
using System.Diagnostics;

namespace Butterfly.Kernels;

public static unsafe partial class DirectConvolution
{
    /// <summary>
    /// One sample's convolution with its output rows shared among threads: each piece takes a band of rows of every
    /// filter's plane, the bands sized by how fast each thread went before (<see cref="PieceSpeeds"/>; equal at
    /// first). A piece pads only the input rows its windows read, into a buffer of its own thread, and computes its
    /// band as a convolution of its own, storing straight into the whole output's planes. An output is computed by the
    /// same tile code whichever band holds it, so the bits depend neither on the thread count nor on the bands.
    /// </summary>
    /// <remarks>
    /// Splitting rows, not filters, keeps each thread's data on its own core from layer to layer: a band reads the rows the
    /// same thread wrote in the layer before (and the window's few rows beyond them), where splitting the filters made every
    /// thread read the whole input, half of it written by the other core, through a padded copy the calling thread wrote.
    /// </remarks>
    private sealed class RowJob : ParallelJob
    {
        [ThreadStatic]
        private static RowJob? t_job;

        [ThreadStatic]
        private static float[]? t_band;

        private float* _x;
        private float* _weights;
        private float* _bias;
        private float* _y;
        private ConvolutionShape _shape;
        private bool _rectify;

        /// <summary>The threads' speeds, by which the bands are sized.</summary>
        private readonly PieceSpeeds _speeds = new();

        /// <summary>Computes every output of <paramref name="shape"/> over <paramref name="x"/> in bands of rows, up to <see cref="Parallelism.PredictThreadCount"/> of them.</summary>
        public static void Run(float* x, float* weights, float* bias, float* y, ConvolutionShape shape, bool rectify)
        {
            var job = t_job ??= new RowJob();
            job._x = x;
            job._weights = weights;
            job._bias = bias;
            job._y = y;
            (job._shape, job._rectify) = (shape, rectify);
            job._speeds.Run(job, shape.OutH, Parts(shape));
        }

        /// <summary>The bands <paramref name="shape"/> is computed in: one per thread, each at least a tile's rows.</summary>
        public static int Parts(ConvolutionShape shape) => Math.Min(Parallelism.PredictThreadCount, shape.OutH / TileRows);

        public override void Run(int part, int parts)
        {
            long start = Stopwatch.GetTimestamp();
            var shape = _shape;
            int first = _speeds.First(part), end = _speeds.First(part + 1);
            if (first == end)
            {
                return;
            }

            int rows = end - first, paddedWidth = shape.Width + 2 * shape.Padding;
            var band = new ConvolutionShape(shape.Channels, rows + shape.Kernel - 1, paddedWidth, shape.Filters, shape.Kernel);
            float* input = PinnedThreadBuffer.Get(ref t_band, band.InLength + Slack);
            ZeroPadding.PadRows(_x, input, shape.Channels, shape.Height, shape.Width, shape.Padding, first, band.Height);
            new Span<float>(input + band.InLength, Slack).Clear();
            Compute(input, _weights, _bias, band, new Targets { Y = _y + first * shape.OutW, RectifyY = _rectify, Plane = shape.Pixels });
            _speeds.Ran(part, start);
        }
    }
}
