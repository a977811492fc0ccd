using System;
using System.ComponentModel;

namespace Butterfly.Kernels;

/// <summary>
/// Kernels over images stored channels-last with a zero border, for a <c>Predict</c> that keeps its images so from
/// one layer to the next. An image of <c>C</c> channels, <c>H × W</c> pixels and border <c>b</c> is
/// <c>(H + 2b) × (W + 2b) × C</c> floats; element <c>(c, i, j)</c> is at <c>((i + b)(W + 2b) + j + b) C + c</c>,
/// and the border holds zeros, which a padded convolution reads as its padding. Every kernel that writes an image
/// writes the zeros of the border pixels of the rows it owns too, as a reused buffer holds anything.
/// </summary>
/// <remarks>
/// <para>
/// With <c>split</c>, the work is shared among up to <see cref="Parallelism.PredictThreadCount"/> threads in fixed,
/// equal bands of output rows: part <c>p</c> of <c>n</c> takes rows <c>[H p / n, H (p + 1) / n)</c> and owns the
/// padded rows from its first row's to its last's, the first part the top border too and the last the bottom
/// (<see cref="Band"/>, <see cref="OwnedRows"/>). Every layer cuts its rows by the same rule, so band <c>p</c> of one
/// layer is, give or take a window's rows, the rows band <c>p</c> of the layer before wrote: each thread reads what
/// it wrote itself, from its own core's cache. Planar images split the same way share the cache lines at the bands'
/// edges, and a layer run by one thread pulls every line the other core wrote; the bands are therefore not sized by
/// how fast each thread went (<see cref="PieceSpeeds"/>), as locality matters more than balance here.
/// </para>
/// <para>
/// Each output is computed by the same code whichever band holds it, so results are bit-identical for every thread
/// count. A convolution's outputs have exactly the bits of <see cref="DirectConvolution.Forward(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, ConvolutionShape, bool, bool)"/>.
/// </para>
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static unsafe class ChannelsLast
{
    /// <summary>Floats of a channels-last image with a border: <c>(H + 2b)(W + 2b) C</c> (<see cref="KernelChoice.ChannelsLastLength"/>).</summary>
    public static int Length(int channels, int height, int width, int border)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegative(border);
        return checked((int)KernelChoice.ChannelsLastLength(channels, height, width, border));
    }

    /// <summary>
    /// <c>y = conv(x, w) + b</c>, plus <paramref name="residual"/> if given, with <paramref name="rectify"/>
    /// <c>max(0, ·)</c> of that, for one channels-last image: a residual block's last convolution, its sum and the
    /// sum's ReLU in one pass, with the bits of <c>Convolve</c> and then <see cref="Add"/>.
    /// </summary>
    /// <param name="x">The input, channels-last with border <c>shape.Padding</c>: <c>(H + 2p)(W + 2p) C</c> floats.</param>
    /// <param name="weights">The filters, <c>[F × C × K × K]</c>.</param>
    /// <param name="bias">One per filter.</param>
    /// <param name="y">The output, channels-last with border <c>shape.Padding</c>: <c>(OH + 2p)(OW + 2p) F</c> floats.</param>
    /// <param name="shape">A direct convolution (<see cref="ConvolutionShape.IsDirect"/>) of a multiple of 16 filters.</param>
    /// <param name="rectify">Whether a ReLU follows, applied as each output is stored.</param>
    /// <param name="split">Whether the output rows are shared among threads in fixed equal bands.</param>
    /// <param name="residual">Empty, or an image laid out as <paramref name="y"/> (not <paramref name="y"/> itself), added to each output before the ReLU.</param>
    public static void Convolve(
        ReadOnlySpan<float> x, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> y, ConvolutionShape shape, bool rectify = false, bool split = false,
        ReadOnlySpan<float> residual = default)
    {
        Check(weights, bias, y, shape);
        Arguments.HasLength(x, Length(shape.Channels, shape.Height, shape.Width, shape.Padding), nameof(x));
        if (!residual.IsEmpty)
        {
            Arguments.HasLength(residual, y.Length, nameof(residual));
            if (residual.Overlaps(y))
            {
                throw new ArgumentException("The residual must not share memory with y: the kernel reads it while y is written.", nameof(residual));
            }
        }

        fixed (float* px = x, pw = weights, pb = bias, py = y, pr = residual)
        {
            ChannelsLastRowJob.Convolve(px, pw, pb, py, residual.IsEmpty ? null : pr, shape, rectify, planes: false, Parts(shape.OutH, split));
        }
    }

    /// <summary>
    /// <see cref="Convolve"/> of an input stored as planes, <c>[C × H × W]</c> without border (a channels-last run's
    /// first convolution, reading the network's input): each band first copies the padded channels-last rows its
    /// windows read to a buffer of its thread.
    /// </summary>
    /// <param name="x">The input, <c>[C × H × W]</c>.</param>
    /// <param name="weights">The filters, <c>[F × C × K × K]</c>.</param>
    /// <param name="bias">One per filter.</param>
    /// <param name="y">The output, channels-last with border <c>shape.Padding</c>.</param>
    /// <param name="shape">A direct convolution of a multiple of 16 filters.</param>
    /// <param name="rectify">Whether a ReLU follows.</param>
    /// <param name="split">Whether the output rows are shared among threads in fixed equal bands.</param>
    public static void ConvolvePlanes(
        ReadOnlySpan<float> x, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> y, ConvolutionShape shape, bool rectify = false, bool split = false)
    {
        Check(weights, bias, y, shape);
        Arguments.HasLength(x, shape.InLength, nameof(x));
        fixed (float* px = x, pw = weights, pb = bias, py = y)
        {
            ChannelsLastRowJob.Convolve(px, pw, pb, py, null, shape, rectify, planes: true, Parts(shape.OutH, split));
        }
    }

    /// <summary>
    /// <c>y = a + b</c>, or <c>max(0, a + b)</c> with <paramref name="rectify"/> (the bits of
    /// <see cref="Merging.AddReLU"/>), over whole images with their borders, whose zeros stay zeros.
    /// <paramref name="y"/> may be <paramref name="a"/> or <paramref name="b"/>.
    /// </summary>
    /// <param name="a">An image of <paramref name="height"/> + 2 <paramref name="border"/> rows of any one length.</param>
    /// <param name="b">An image of the same length.</param>
    /// <param name="y">The sum, of the same length.</param>
    /// <param name="height">The images' height without border: the rows the bands cut.</param>
    /// <param name="border">The images' border.</param>
    /// <param name="rectify">Whether a ReLU follows.</param>
    /// <param name="split">Whether the rows are shared among threads in fixed equal bands.</param>
    public static void Add(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> y, int height, int border, bool rectify = false, bool split = false) =>
        Elementwise(a, b, y, height, border, rectify ? ChannelsLastRowJob.Kind.AddReLU : ChannelsLastRowJob.Kind.Add, split);

    /// <summary><c>y = a ⊙ b</c> over whole images with their borders (the bits of <see cref="Merging.Multiply"/>); the layout rules of <see cref="Add"/>.</summary>
    /// <param name="a">An image of <paramref name="height"/> + 2 <paramref name="border"/> rows of any one length.</param>
    /// <param name="b">An image of the same length.</param>
    /// <param name="y">The product, of the same length.</param>
    /// <param name="height">The images' height without border.</param>
    /// <param name="border">The images' border.</param>
    /// <param name="split">Whether the rows are shared among threads in fixed equal bands.</param>
    public static void Multiply(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> y, int height, int border, bool split = false) =>
        Elementwise(a, b, y, height, border, ChannelsLastRowJob.Kind.Multiply, split);

    /// <summary>
    /// Max pooling, a <paramref name="size"/> × <paramref name="size"/> window every <paramref name="stride"/> pixels,
    /// no padding: <c>y[c, i, j] = max over u, v &lt; size of x[c, i s + u, j s + v]</c>, the bits of
    /// <see cref="Pooling.Max"/>. Output band <c>p</c> reads the input rows from <c>s</c> times its first.
    /// </summary>
    /// <param name="x">The input, channels-last with border <paramref name="border"/>.</param>
    /// <param name="y">The output, <c>⌊(H - size) / s⌋ + 1</c> rows and columns, channels-last with the same border.</param>
    /// <param name="channels">Channels of both; whole sixteens run fastest.</param>
    /// <param name="height">The input's height.</param>
    /// <param name="width">The input's width.</param>
    /// <param name="size">The window's side.</param>
    /// <param name="stride">The step between windows.</param>
    /// <param name="border">The border of both images.</param>
    /// <param name="split">Whether the output rows are shared among threads in fixed equal bands.</param>
    public static void MaxPool(ReadOnlySpan<float> x, Span<float> y, int channels, int height, int width, int size, int stride, int border, bool split = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stride);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size, height);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size, width);
        int outH = (height - size) / stride + 1, outW = (width - size) / stride + 1;
        Arguments.HasLength(x, Length(channels, height, width, border), nameof(x));
        Arguments.HasLength(y, Length(channels, outH, outW, border), nameof(y));
        fixed (float* px = x, py = y)
        {
            ChannelsLastRowJob.MaxPool(px, py, channels, height, width, size, stride, border, Parts(outH, split));
        }
    }

    /// <summary>
    /// <c>y[c] = (1 / HW) Σ x[c, i, j]</c> over the inside pixels, summed pixel by pixel in row-major order, so the
    /// order is the same on every path; one thread, the work being small.
    /// </summary>
    /// <param name="x">The input, channels-last with border <paramref name="border"/>.</param>
    /// <param name="y">One mean per channel.</param>
    /// <param name="channels">Channels.</param>
    /// <param name="height">Height.</param>
    /// <param name="width">Width.</param>
    /// <param name="border">The input's border.</param>
    public static void GlobalAverage(ReadOnlySpan<float> x, Span<float> y, int channels, int height, int width, int border)
    {
        Arguments.HasLength(x, Length(channels, height, width, border), nameof(x));
        Arguments.HasLength(y, channels, nameof(y));
        fixed (float* px = x, py = y)
        {
            ChannelsLastPooling.GlobalAverage(px, py, channels, height, width, border);
        }
    }

    /// <summary>Output rows [<c>First</c>, <c>End</c>) of part <paramref name="part"/> of <paramref name="parts"/>: <c>[rows p / n, rows (p + 1) / n)</c>.</summary>
    internal static (int First, int End) Band(int rows, int part, int parts) => (rows * part / parts, rows * (part + 1) / parts);

    /// <summary>
    /// The padded rows part <paramref name="part"/> writes, border included: from its first row's to its last's, the
    /// first part from the top border's first, the last to the bottom border's last.
    /// </summary>
    internal static (int First, int End) OwnedRows(int rows, int border, int part, int parts)
    {
        var (first, end) = Band(rows, part, parts);
        return (part == 0 ? 0 : first + border, part == parts - 1 ? rows + 2 * border : end + border);
    }

    /// <summary>The bands a call of <paramref name="rows"/> output rows runs in: one per thread with <paramref name="split"/>, at most one per row.</summary>
    private static int Parts(int rows, bool split) => split ? Math.Min(Parallelism.PredictThreadCount, rows) : 1;

    /// <summary>Checks a convolution's shape and every operand but the input.</summary>
    private static void Check(ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> y, ConvolutionShape shape)
    {
        if (!shape.IsDirect)
        {
            throw new ArgumentException("The channels-last convolution takes a square kernel at stride 1 with the same padding on every side (ConvolutionShape.IsDirect).", nameof(shape));
        }

        if (!KernelChoice.ConvolvesChannelsLast(shape.IsDirect, shape.Filters))
        {
            throw new ArgumentException($"The channels-last convolution takes a multiple of 16 filters (got {shape.Filters}).", nameof(shape));
        }

        Arguments.HasLength(weights, shape.Filters * shape.Window, nameof(weights));
        Arguments.HasLength(bias, shape.Filters, nameof(bias));
        Arguments.HasLength(y, Length(shape.Filters, shape.OutH, shape.OutW, shape.Padding), nameof(y));
    }

    private static void Elementwise(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> y, int height, int border, ChannelsLastRowJob.Kind kind, bool split)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegative(border);
        int rows = height + 2 * border;
        if (a.Length % rows != 0)
        {
            throw new ArgumentException($"a must hold {rows} rows ({height} + 2 × {border}) of one length (got {a.Length} floats).", nameof(a));
        }

        Arguments.HasLength(b, a.Length, nameof(b));
        Arguments.HasLength(y, a.Length, nameof(y));
        fixed (float* pa = a, pb = b, py = y)
        {
            ChannelsLastRowJob.Elementwise(pa, pb, py, height, border, a.Length / rows, kind, Parts(height, split));
        }
    }
}
