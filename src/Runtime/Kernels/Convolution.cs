using System;
using System.ComponentModel;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Butterfly.Kernels;

/// <summary>
/// Two-dimensional convolution (cross-correlation, as every framework computes it) over channels-first samples
/// <c>x[C×H×W]</c> with filters <c>w[F×C×K×K]</c>, stride <c>s</c> and zero padding <c>p</c>:
/// <c>y[f, i, j] = b[f] + Σ_c Σ_u Σ_v w[f, c, u, v] · x[c, i s + u - p, j s + v - p]</c>, of size
/// <c>OH = (H + 2p - K) / s + 1</c> by <c>OW = (W + 2p - K) / s + 1</c>.
/// </summary>
/// <remarks>
/// Each sample is unfolded ("im2col") into <c>X̃[CKK × P]</c>, <c>P = OH·OW</c>, whose column <c>(i, j)</c> holds the
/// window under output pixel <c>(i, j)</c>; the convolution is then one matrix product <c>Y = W X̃</c> with
/// <c>W</c> read as <c>[F × CKK]</c> (several samples' <c>X̃</c> side by side make one longer product), and backward
/// is the dense layer's rule on the same matrices:
/// <c>dW = Σ_batch dY X̃ᵀ</c>, <c>dX̃ = Wᵀ dY</c>, folded back ("col2im", summing where windows overlap) into
/// <c>dx</c>. The products go through <see cref="Gemm"/>, so they get whatever its kernels are worth.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static unsafe class Convolution
{
    /// <summary>Output height or width: <c>(size + 2 padding - kernel) / stride + 1</c>.</summary>
    public static int OutputSize(int size, int kernel, int stride, int padding) => (size + 2 * padding - kernel) / stride + 1;

    /// <summary>
    /// <c>y = conv(x, w) + b</c> for a batch. With stride 1 each sample is convolved directly (<see cref="DirectConvolution"/>,
    /// over a zero-padded copy when there is padding), samples split between threads, and <paramref name="scratch"/> is unused.
    /// Otherwise <paramref name="chunk"/> samples make one product: with the chunk's <c>n</c> samples unfolded side by
    /// side, <c>Y[F × nP] = W[F × CKK] · X̃[CKK × nP]</c>, then each sample's block of columns is copied out with its
    /// bias. <paramref name="scratch"/> then holds <c>min(batch, chunk) · P · (CKK + F)</c> floats: the unfolded chunk
    /// and its outputs in filter-major order.
    /// <para>
    /// Unless <paramref name="rectified"/> is empty, it also receives the ReLU that follows, <c>max(0, y)</c>, and unless
    /// <paramref name="pooled"/> is empty, that receives the 2×2 stride-2 max pooling of the ReLU's output: with the
    /// direct kernel these come from each sample's sums while they are in registers
    /// (<see cref="DirectConvolution.ForwardReLU"/>), otherwise from <see cref="Activations.ReLU"/> and
    /// <see cref="Pooling.Max"/> afterwards. Either way the bits are those of the three layers run one by one. With the
    /// direct kernel and a rectified output, <paramref name="y"/> may be empty: the convolution itself is then not stored.
    /// </para>
    /// </summary>
    public static void Forward(
        ReadOnlySpan<float> x, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> y, Span<float> scratch,
        int batch, int channels, int height, int width, int filters, int kernel, int stride, int padding, int chunk,
        Span<float> rectified = default, Span<float> pooled = default) =>
        Forward(x, weights, bias, y, scratch, batch, new ConvolutionShape(channels, height, width, filters, kernel, stride, padding), chunk, rectified, pooled);

    /// <summary>
    /// The same for any <paramref name="shape"/>: rectangular kernels, a stride per axis, a padding per side. The shape
    /// decides whether the direct kernels compute it (<see cref="ConvolutionShape.IsDirect"/>); otherwise
    /// <paramref name="scratch"/> holds <c>min(batch, chunk) · P · (C·KH·KW + F)</c> floats.
    /// </summary>
    public static void Forward(
        ReadOnlySpan<float> x, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> y, Span<float> scratch,
        int batch, ConvolutionShape shape, int chunk, Span<float> rectified = default, Span<float> pooled = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(chunk);
        int filters = shape.Filters;
        int pixels = shape.Pixels, inLength = shape.InLength, outLength = shape.OutLength, window = shape.Window;
        Arguments.HasLength(x, batch * inLength, nameof(x));
        Arguments.HasLength(weights, filters * window, nameof(weights));
        Arguments.HasLength(bias, filters, nameof(bias));
        bool direct = shape.IsDirect;
        if (!y.IsEmpty || !direct || rectified.IsEmpty)
        {
            Arguments.HasLength(y, batch * outLength, nameof(y));
        }

        if (!rectified.IsEmpty)
        {
            Arguments.HasLength(rectified, batch * outLength, nameof(rectified));
        }

        if (!pooled.IsEmpty)
        {
            if (rectified.IsEmpty)
            {
                throw new ArgumentException("A pooled output needs the rectified one it pools: pass both.", nameof(pooled));
            }

            Arguments.HasLength(pooled, batch * filters * (shape.OutH / 2) * (shape.OutW / 2), nameof(pooled));
        }

        if (!direct)
        {
            Arguments.HasAtLeast(scratch, (int)KernelChoice.UnfoldScratchFloats(Math.Min(batch, chunk), pixels, window, filters), nameof(scratch));
        }

        var job = ConvolutionJob.ForThisThread;
        fixed (float* px = x, pw = weights, pb = bias, py = y, ps = scratch)
        {
            if (direct)
            {
                fixed (float* pr = rectified, pp = pooled)
                {
                    job.Run(ConvolutionJob.Stage.Direct, px, pw, pb, py, null, null, 0, batch, shape, pr, pp);
                }

                return;
            }

            for (int first = 0; first < batch; first += chunk)
            {
                int count = Math.Min(chunk, batch - first), columns = count * pixels;
                float* col = ps, product = ps + (long)window * columns;
                job.Run(ConvolutionJob.Stage.Unfold, px, pw, pb, py, col, product, first, count, shape);
                Gemm.AB(weights, new ReadOnlySpan<float>(col, window * columns), new Span<float>(product, filters * columns), filters, columns, window);
                job.Run(ConvolutionJob.Stage.AddBias, px, pw, pb, py, col, product, first, count, shape);
            }
        }

        if (!rectified.IsEmpty)
        {
            Activations.ReLU(y, rectified);
        }

        if (!pooled.IsEmpty)
        {
            Pooling.Max(rectified, pooled, batch * filters, shape.OutH, shape.OutW, 2, 2);
        }
    }

    /// <summary>
    /// The backward rule for a batch: <c>dW = Σ dY X̃ᵀ</c>, <c>db[f] = Σ dY[f, :]</c>, and, unless <paramref name="dx"/>
    /// is empty, <c>dX̃ = Wᵀ dY</c> folded into <c>dx</c> (with stride 1, both are computed directly instead, over
    /// zero-padded copies when there is padding: <see cref="DirectWeightGradient"/>, <see cref="DirectInputGradient"/>). Samples go in groups (sized to
    /// stay in L2 when they are unfolded, eight otherwise), the groups split between threads
    /// (<see cref="ConvolutionGradientJob"/>); each group's share of <c>dW</c> and <c>db</c> is summed in
    /// group order, so the result does not depend on the thread count. Overwrites the gradients. The unfolded groups
    /// and the partial sums live in buffers each thread makes once and reuses.
    /// </summary>
    public static void Backward(
        ReadOnlySpan<float> x, ReadOnlySpan<float> weights, ReadOnlySpan<float> dy, Span<float> dWeights, Span<float> dBias, Span<float> dx,
        int batch, int channels, int height, int width, int filters, int kernel, int stride, int padding) =>
        Backward(x, weights, dy, dWeights, dBias, dx, batch, new ConvolutionShape(channels, height, width, filters, kernel, stride, padding));

    /// <summary>The same for any <paramref name="shape"/>: rectangular kernels, a stride per axis, a padding per side.</summary>
    public static void Backward(
        ReadOnlySpan<float> x, ReadOnlySpan<float> weights, ReadOnlySpan<float> dy, Span<float> dWeights, Span<float> dBias, Span<float> dx,
        int batch, ConvolutionShape shape)
    {
        int filters = shape.Filters;
        int inLength = shape.InLength, outLength = shape.OutLength, window = shape.Window;
        Arguments.HasLength(x, batch * inLength, nameof(x));
        Arguments.HasLength(weights, filters * window, nameof(weights));
        Arguments.HasLength(dy, batch * outLength, nameof(dy));
        Arguments.HasLength(dWeights, filters * window, nameof(dWeights));
        Arguments.HasLength(dBias, filters, nameof(dBias));
        if (!dx.IsEmpty)
        {
            Arguments.HasLength(dx, batch * inLength, nameof(dx));
        }

        int group = ConvolutionGradientJob.GroupSamples(shape, !dx.IsEmpty), groups = (batch + group - 1) / group;
        int partialLength = filters * window + filters;
        var partials = ThreadBuffer.Get(ref t_partials, groups * partialLength);
        // On the 512-bit path dx is the forward convolution of dy with the flipped filters, made once for the batch.
        var flipped = !dx.IsEmpty && ConvolutionGradientJob.InputGradientAsForward(shape)
            ? ThreadBuffer.Get(ref t_flipped, filters * window + shape.Channels)
            : default;
        if (!flipped.IsEmpty)
        {
            ConvolutionGradientJob.FlipFilters(weights, flipped, shape);
        }

        fixed (float* px = x, pw = weights, pdy = dy, pdx = dx, pp = partials, pf = flipped)
        {
            ConvolutionGradientJob.ForThisThread.Run(px, pw, pdy, dx.IsEmpty ? null : pdx, pp, batch, group, shape, pf);
        }

        partials.Slice(0, filters * window).CopyTo(dWeights);
        partials.Slice(filters * window, filters).CopyTo(dBias);
        for (int g = 1; g < groups; g++)
        {
            var partial = partials.Slice(g * partialLength, partialLength);
            TensorPrimitives.Add(dWeights, partial.Slice(0, filters * window), dWeights);
            TensorPrimitives.Add(dBias, partial.Slice(filters * window, filters), dBias);
        }
    }

    /// <summary>The calling thread's flipped filters and zero biases (<see cref="ConvolutionGradientJob.FlipFilters"/>).</summary>
    [ThreadStatic]
    private static float[]? t_flipped;

    /// <summary>The calling thread's per-group partial gradients.</summary>
    [ThreadStatic]
    private static float[]? t_partials;

    /// <summary>
    /// im2col: <c>X̃[(c K + u) K + v, offset + i OW + j] = x[c, i s + u - p, j s + v - p]</c>, 0 where the window
    /// hangs over the padding; <paramref name="rowLength"/> is the length of a row of <c>X̃</c>, in which this sample's
    /// columns start at <paramref name="offset"/>.
    /// </summary>
    public static void Unfold(
        ReadOnlySpan<float> x, Span<float> col, int rowLength, int offset, int channels, int height, int width, int kernel, int stride, int padding) =>
        Unfold(x, col, rowLength, offset, new ConvolutionShape(channels, height, width, 1, kernel, stride, padding));

    /// <summary>
    /// im2col for any <paramref name="shape"/>:
    /// <c>X̃[(c KH + u) KW + v, offset + i OW + j] = x[c, i SH + u - PT, j SW + v - PL]</c>, 0 where the window hangs
    /// over the padding (<see cref="ConvolutionShape.Filters"/> is not read).
    /// </summary>
    public static void Unfold(ReadOnlySpan<float> x, Span<float> col, int rowLength, int offset, ConvolutionShape shape)
    {
        int channels = shape.Channels, height = shape.Height, width = shape.Width, outH = shape.OutH, outW = shape.OutW;
        int kernelHeight = shape.KernelHeight, kernelWidth = shape.KernelWidth, strideHeight = shape.StrideHeight, strideWidth = shape.StrideWidth;
        Arguments.HasLength(x, shape.InLength, nameof(x));
        Arguments.HasAtLeast(col, (shape.Window - 1) * rowLength + offset + outH * outW, nameof(col));
        ref float input = ref MemoryMarshal.GetReference(x);
        ref float unfolded = ref MemoryMarshal.GetReference(col);
        for (int c = 0; c < channels; c++)
        {
            ref float plane = ref Unsafe.Add(ref input, c * height * width);
            for (int u = 0; u < kernelHeight; u++)
            {
                for (int v = 0; v < kernelWidth; v++)
                {
                    ref float row = ref Unsafe.Add(ref unfolded, ((c * kernelHeight + u) * kernelWidth + v) * rowLength + offset);
                    var (first, end) = ValidRange(width, v, strideWidth, shape.PadLeft, outW);
                    for (int i = 0; i < outH; i++)
                    {
                        ref float target = ref Unsafe.Add(ref row, i * outW);
                        int sourceRow = i * strideHeight + u - shape.PadTop;
                        if ((uint)sourceRow >= (uint)height || first >= end)
                        {
                            MemoryMarshal.CreateSpan(ref target, outW).Clear();
                            continue;
                        }

                        if (first > 0 || end < outW)
                        {
                            MemoryMarshal.CreateSpan(ref target, first).Clear();
                            MemoryMarshal.CreateSpan(ref Unsafe.Add(ref target, end), outW - end).Clear();
                        }

                        ref float source = ref Unsafe.Add(ref plane, sourceRow * width + first * strideWidth + v - shape.PadLeft);
                        if (strideWidth == 1)
                        {
                            Copy(ref source, ref Unsafe.Add(ref target, first), end - first);
                        }
                        else
                        {
                            for (int j = first; j < end; j++)
                            {
                                Unsafe.Add(ref target, j) = Unsafe.Add(ref source, (j - first) * strideWidth);
                            }
                        }
                    }
                }
            }
        }
    }

    /// <summary>
    /// col2im, the transpose of <see cref="Unfold(ReadOnlySpan{float}, Span{float}, int, int, int, int, int, int, int, int)"/>:
    /// <c>dx[c, i s + u - p, j s + v - p] += dX̃[(c K + u) K + v, offset + i OW + j]</c> over every window that covers
    /// the pixel, in the order (u, v, i, j). Overwrites <paramref name="dx"/>.
    /// </summary>
    public static void Fold(
        ReadOnlySpan<float> col, int rowLength, int offset, Span<float> dx, int channels, int height, int width, int kernel, int stride, int padding) =>
        Fold(col, rowLength, offset, dx, new ConvolutionShape(channels, height, width, 1, kernel, stride, padding));

    /// <summary>
    /// col2im for any <paramref name="shape"/>: <c>dx[c, i SH + u - PT, j SW + v - PL] += dX̃[(c KH + u) KW + v, offset + i OW + j]</c>,
    /// in the order (u, v, i, j). Overwrites <paramref name="dx"/>.
    /// </summary>
    public static void Fold(ReadOnlySpan<float> col, int rowLength, int offset, Span<float> dx, ConvolutionShape shape)
    {
        int channels = shape.Channels, height = shape.Height, width = shape.Width, outH = shape.OutH, outW = shape.OutW;
        int kernelHeight = shape.KernelHeight, kernelWidth = shape.KernelWidth, strideHeight = shape.StrideHeight, strideWidth = shape.StrideWidth;
        Arguments.HasLength(dx, shape.InLength, nameof(dx));
        Arguments.HasAtLeast(col, (shape.Window - 1) * rowLength + offset + outH * outW, nameof(col));
        dx.Slice(0, shape.InLength).Clear();
        ref float gradient = ref MemoryMarshal.GetReference(dx);
        ref float unfolded = ref MemoryMarshal.GetReference(col);
        for (int c = 0; c < channels; c++)
        {
            ref float plane = ref Unsafe.Add(ref gradient, c * height * width);
            for (int u = 0; u < kernelHeight; u++)
            {
                for (int v = 0; v < kernelWidth; v++)
                {
                    ref float row = ref Unsafe.Add(ref unfolded, ((c * kernelHeight + u) * kernelWidth + v) * rowLength + offset);
                    var (first, end) = ValidRange(width, v, strideWidth, shape.PadLeft, outW);
                    for (int i = 0; i < outH; i++)
                    {
                        int targetRow = i * strideHeight + u - shape.PadTop;
                        if ((uint)targetRow >= (uint)height || first >= end)
                        {
                            continue;
                        }

                        ref float source = ref Unsafe.Add(ref row, i * outW + first);
                        ref float target = ref Unsafe.Add(ref plane, targetRow * width + first * strideWidth + v - shape.PadLeft);
                        if (strideWidth == 1)
                        {
                            AddInPlace(ref source, ref target, end - first);
                        }
                        else
                        {
                            for (int j = 0; j < end - first; j++)
                            {
                                Unsafe.Add(ref target, j * strideWidth) += Unsafe.Add(ref source, j);
                            }
                        }
                    }
                }
            }
        }
    }

    /// <summary><c>target[0..count) = source[0..count)</c>, eight at a time: the rows are short, so a call to a general copy costs more than it moves.</summary>
    private static void Copy(ref float source, ref float target, int count)
    {
        int j = 0;
        for (; j <= count - Vector256<float>.Count; j += Vector256<float>.Count)
        {
            Vector256.LoadUnsafe(ref source, (nuint)j).StoreUnsafe(ref target, (nuint)j);
        }

        for (; j < count; j++)
        {
            Unsafe.Add(ref target, j) = Unsafe.Add(ref source, j);
        }
    }

    /// <summary><c>target[0..count) += source[0..count)</c>, eight at a time; each element's sum is the scalar one.</summary>
    private static void AddInPlace(ref float source, ref float target, int count)
    {
        int j = 0;
        for (; j <= count - Vector256<float>.Count; j += Vector256<float>.Count)
        {
            (Vector256.LoadUnsafe(ref target, (nuint)j) + Vector256.LoadUnsafe(ref source, (nuint)j)).StoreUnsafe(ref target, (nuint)j);
        }

        for (; j < count; j++)
        {
            Unsafe.Add(ref target, j) += Unsafe.Add(ref source, j);
        }
    }

    /// <summary>The output columns <c>[first, end)</c> whose input column <c>j s + v - p</c> lies inside <c>[0, width)</c>, <c>p</c> the left padding.</summary>
    private static (int First, int End) ValidRange(int width, int v, int stride, int padding, int outW)
    {
        // j s + v - p >= 0  ⇔  j >= ceil((p - v) / s);   j s + v - p < width  ⇔  j < ceil((width + p - v) / s).
        int first = Math.Max(0, CeilDiv(padding - v, stride));
        int end = Math.Min(outW, CeilDiv(width + padding - v, stride));
        return (first, Math.Max(first, end));
    }

    private static int CeilDiv(int a, int b) => a <= 0 ? -(-a / b) : (a + b - 1) / b;
}
