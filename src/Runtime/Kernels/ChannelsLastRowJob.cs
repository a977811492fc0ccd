using System;

namespace Butterfly.Kernels;

/// <summary>
/// One call of a <see cref="ChannelsLast"/> kernel cut into fixed equal bands of output rows
/// (<see cref="ChannelsLast.Band"/>), run through <see cref="WorkerPool.Shared"/>. Each part computes its band's
/// outputs and writes the border zeros of the padded rows it owns (<see cref="ChannelsLast.OwnedRows"/>). One job per
/// calling thread, refilled before each run, so a call allocates nothing.
/// </summary>
internal sealed unsafe class ChannelsLastRowJob : ParallelJob
{
    /// <summary>What a job computes.</summary>
    public enum Kind
    {
        Convolve,
        Add,
        AddReLU,
        Multiply,
        MaxPool,
    }

    [ThreadStatic]
    private static ChannelsLastRowJob? t_job;

    /// <summary>A part's padded channels-last rows of a planar input (<see cref="ChannelsLast.ConvolvePlanes"/>).</summary>
    [ThreadStatic]
    private static float[]? t_rows;

    private Kind _kind;
    private float* _x, _b, _weights, _bias, _y, _residual;
    private ConvolutionShape _shape;
    private bool _rectify, _planes;

    /// <summary>Elementwise: floats per padded row. Pooling: channels, input height and width, window, stride.</summary>
    private int _rowLength, _channels, _height, _width, _size, _stride, _border;

    private static ChannelsLastRowJob Job(Kind kind)
    {
        var job = t_job ??= new ChannelsLastRowJob();
        job._kind = kind;
        return job;
    }

    /// <summary>A convolution over a channels-last input, or (<paramref name="planes"/>) a planar one, plus a residual image or null.</summary>
    public static void Convolve(float* x, float* weights, float* bias, float* y, float* residual, ConvolutionShape shape, bool rectify, bool planes, int parts)
    {
        var job = Job(Kind.Convolve);
        job._x = x;
        job._residual = residual;
        job._weights = weights;
        job._bias = bias;
        job._y = y;
        (job._shape, job._rectify, job._planes) = (shape, rectify, planes);
        job._border = shape.Padding;
        WorkerPool.Shared.Run(job, parts);
    }

    /// <summary>A sum, rectified sum or product of two images of <paramref name="height"/> + 2 <paramref name="border"/> rows of <paramref name="rowLength"/> floats.</summary>
    public static void Elementwise(float* a, float* b, float* y, int height, int border, int rowLength, Kind kind, int parts)
    {
        var job = Job(kind);
        job._x = a;
        job._b = b;
        job._y = y;
        (job._height, job._border, job._rowLength) = (height, border, rowLength);
        WorkerPool.Shared.Run(job, parts);
    }

    /// <summary>Max pooling of a channels-last image.</summary>
    public static void MaxPool(float* x, float* y, int channels, int height, int width, int size, int stride, int border, int parts)
    {
        var job = Job(Kind.MaxPool);
        job._x = x;
        job._y = y;
        (job._channels, job._height, job._width, job._size, job._stride, job._border) = (channels, height, width, size, stride, border);
        WorkerPool.Shared.Run(job, parts);
    }

    public override void Run(int part, int parts)
    {
        switch (_kind)
        {
            case Kind.Convolve:
                RunConvolution(part, parts);
                break;
            case Kind.MaxPool:
                RunMaxPool(part, parts);
                break;
            default:
                RunElementwise(part, parts);
                break;
        }
    }

    private void RunConvolution(int part, int parts)
    {
        var shape = _shape;
        var (first, end) = ChannelsLast.Band(shape.OutH, part, parts);
        float* x = _x;
        if (_planes && first < end)
        {
            // Padded rows first .. end + K - 2 feed output rows first .. end - 1; the buffer holds them from its start.
            int inRow = (shape.Width + 2 * shape.Padding) * shape.Channels, rows = end - first + shape.Kernel - 1;
            float* buffer = PinnedThreadBuffer.Get(ref t_rows, rows * inRow);
            ChannelsLastSamples.WriteRows(_x, buffer, shape.Channels, shape.Height, shape.Width, shape.Padding, first, rows);
            x = buffer - (long)first * inRow;
        }

        ChannelsLastConvolution.Rows(x, _weights, _bias, _y, _residual, shape, _rectify, first, end);
        ClearBorder(_y, shape.OutH, shape.OutW, shape.Filters, shape.Padding, part, parts);
    }

    private void RunMaxPool(int part, int parts)
    {
        int outH = (_height - _size) / _stride + 1, outW = (_width - _size) / _stride + 1;
        var (first, end) = ChannelsLast.Band(outH, part, parts);
        ChannelsLastPooling.MaxRows(_x, _y, _channels, _width, _size, _stride, _border, outW, first, end);
        ClearBorder(_y, outH, outW, _channels, _border, part, parts);
    }

    /// <summary>
    /// Zeros of the border pixels in the padded rows part <paramref name="part"/> owns: whole border rows, and the
    /// <paramref name="border"/> pixels at each end of the others.
    /// </summary>
    private static void ClearBorder(float* y, int height, int width, int channels, int border, int part, int parts)
    {
        if (border == 0)
        {
            return;
        }

        var (first, end) = ChannelsLast.OwnedRows(height, border, part, parts);
        int row = (width + 2 * border) * channels, side = border * channels;
        for (int r = first; r < end; r++)
        {
            float* at = y + (long)r * row;
            if (r < border || r >= height + border)
            {
                new Span<float>(at, row).Clear();
            }
            else
            {
                new Span<float>(at, side).Clear();
                new Span<float>(at + row - side, side).Clear();
            }
        }
    }

    /// <summary>The part's owned rows, border rows included, element by element by the planar rules of <see cref="Merging"/>.</summary>
    private void RunElementwise(int part, int parts)
    {
        var (first, end) = ChannelsLast.OwnedRows(_height, _border, part, parts);
        long start = (long)first * _rowLength;
        int length = (end - first) * _rowLength;
        var a = new ReadOnlySpan<float>(_x + start, length);
        var b = new ReadOnlySpan<float>(_b + start, length);
        var y = new Span<float>(_y + start, length);
        switch (_kind)
        {
            case Kind.Add:
                Merging.Add(a, b, y);
                break;
            case Kind.Multiply:
                Merging.Multiply(a, b, y);
                break;
            default:
                Merging.AddReLU(a, b, default, y);
                break;
        }
    }
}
