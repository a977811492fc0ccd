using System;
using System.Numerics.Tensors;

namespace Butterfly.Kernels;

/// <summary>
/// The per-sample parts of <see cref="Convolution.Forward(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, Span{float}, int, ConvolutionShape, int, Span{float}, Span{float})"/> split between threads: piece <c>t</c> of <c>T</c> takes samples
/// [t·n/T, (t+1)·n/T) of a chunk. Each sample's work writes only that sample's outputs (or its own columns of the
/// unfolded chunk), so the split never changes a result.
/// </summary>
internal sealed unsafe class ConvolutionJob : ParallelJob
{
    /// <summary>What each sample's piece does.</summary>
    public enum Stage
    {
        /// <summary><c>DirectConvolution.Forward</c> from the input into the output.</summary>
        Direct,

        /// <summary>Unfold the input into the chunk's columns.</summary>
        Unfold,

        /// <summary>Copy the chunk's filter-major product out to the output, adding the bias.</summary>
        AddBias,
    }

    [ThreadStatic]
    private static ConvolutionJob? t_job;

    /// <summary>Multiply-adds (or copied floats) per piece below which handing a piece to another thread costs more than it saves.</summary>
    private const int MinimumWork = 1 << 14;

    private Stage _stage;
    private float* _x;
    private float* _weights;
    private float* _bias;
    private float* _y;
    private float* _col;
    private float* _rows;
    private float* _rectified;
    private float* _pooled;
    private int _first;
    private int _count;
    private ConvolutionShape _shape;

    /// <summary>The calling thread's job, made once and refilled for every call.</summary>
    public static ConvolutionJob ForThisThread => t_job ??= new ConvolutionJob();

    /// <summary>
    /// Runs <paramref name="stage"/> for samples [<paramref name="first"/>, <paramref name="first"/> + <paramref name="count"/>)
    /// of the batch: <paramref name="x"/> is the batch's input, <paramref name="y"/> its output, <paramref name="col"/> the
    /// chunk's unfolded columns and <paramref name="rows"/> its filter-major products. The direct stage also stores the
    /// following ReLU to <paramref name="rectified"/> and its 2×2 max pooling to <paramref name="pooled"/> where they are
    /// not null.
    /// </summary>
    public void Run(
        Stage stage, float* x, float* weights, float* bias, float* y, float* col, float* rows, int first, int count, ConvolutionShape shape,
        float* rectified = null, float* pooled = null)
    {
        _rectified = rectified;
        _pooled = pooled;
        _x = x;
        _weights = weights;
        _bias = bias;
        _y = y;
        _col = col;
        _rows = rows;
        (_stage, _first, _count, _shape) = (stage, first, count, shape);
        long work = (long)shape.Pixels * (stage == Stage.Direct ? shape.Window * shape.Filters : shape.Window);
        int parts = (int)Math.Min(Math.Min(Parallelism.ThreadCount, count), Math.Max(1, work * count / MinimumWork));
        WorkerPool.Shared.Run(this, parts);
    }

    public override void Run(int part, int parts)
    {
        int from = (int)((long)_count * part / parts), to = (int)((long)_count * (part + 1) / parts);
        for (int n = from; n < to; n++)
        {
            RunSample(n);
        }
    }

    private void RunSample(int n)
    {
        var shape = _shape;
        int inLength = shape.InLength, pixels = shape.Pixels, window = shape.Window, columns = _count * pixels, outLength = shape.OutLength;
        int sample = _first + n;
        var x = new Span<float>(_x + (long)sample * inLength, inLength);
        switch (_stage)
        {
            case Stage.Direct:
                var weights = new ReadOnlySpan<float>(_weights, shape.Filters * window);
                var bias = new ReadOnlySpan<float>(_bias, shape.Filters);
                var y = _y == null ? default : new Span<float>(_y + (long)sample * outLength, outLength);
                if (_rectified == null)
                {
                    DirectConvolution.Forward(x, weights, bias, y, shape.Channels, shape.Height, shape.Width, shape.Filters, shape.Kernel, padding: shape.Padding);
                    break;
                }

                int pooledLength = _pooled == null ? 0 : shape.Filters * (shape.OutH / 2) * (shape.OutW / 2);
                DirectConvolution.ForwardReLU(
                    x, weights, bias, shape.Channels, shape.Height, shape.Width, shape.Filters, shape.Kernel,
                    y, new Span<float>(_rectified + (long)sample * outLength, outLength), new Span<float>(_pooled + (long)sample * pooledLength, pooledLength),
                    shape.Padding);
                break;
            case Stage.Unfold:
                Convolution.Unfold(x, new Span<float>(_col, window * columns), columns, n * pixels, shape);
                break;
            case Stage.AddBias:
                for (int f = 0; f < shape.Filters; f++)
                {
                    TensorPrimitives.Add(
                        new ReadOnlySpan<float>(_rows + (long)f * columns + n * pixels, pixels), _bias[f],
                        new Span<float>(_y + (long)sample * outLength + f * pixels, pixels));
                }

                break;
        }
    }
}
