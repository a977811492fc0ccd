using System;
using System.Numerics.Tensors;

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
public static class Convolution
{
    /// <summary>Output height or width: <c>(size + 2 padding - kernel) / stride + 1</c>.</summary>
    public static int OutputSize(int size, int kernel, int stride, int padding) => (size + 2 * padding - kernel) / stride + 1;

    /// <summary>
    /// <c>y = conv(x, w) + b</c> for a batch, <paramref name="chunk"/> samples per product: with the chunk's
    /// <c>n</c> samples unfolded side by side, <c>Y[F × nP] = W[F × CKK] · X̃[CKK × nP]</c>, then each sample's block
    /// of columns is copied out with its bias. <paramref name="scratch"/> holds <c>min(batch, chunk) · P · (CKK + F)</c>
    /// floats: the unfolded chunk and its outputs in filter-major order.
    /// </summary>
    public static void Forward(
        ReadOnlySpan<float> x, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> y, Span<float> scratch,
        int batch, int channels, int height, int width, int filters, int kernel, int stride, int padding, int chunk)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(chunk);
        int pixels = OutputSize(height, kernel, stride, padding) * OutputSize(width, kernel, stride, padding);
        int inLength = channels * height * width, outLength = filters * pixels, window = channels * kernel * kernel;
        for (int first = 0; first < batch; first += chunk)
        {
            int count = Math.Min(chunk, batch - first), columns = count * pixels;
            var col = scratch.Slice(0, window * columns);
            var product = scratch.Slice(window * columns, filters * columns);
            for (int n = 0; n < count; n++)
            {
                Unfold(x.Slice((first + n) * inLength, inLength), col, columns, n * pixels, channels, height, width, kernel, stride, padding);
            }

            Gemm.AB(weights, col, product, filters, columns, window);
            for (int n = 0; n < count; n++)
            {
                var sample = y.Slice((first + n) * outLength, outLength);
                for (int f = 0; f < filters; f++)
                {
                    TensorPrimitives.Add(product.Slice(f * columns + n * pixels, pixels), bias[f], sample.Slice(f * pixels, pixels));
                }
            }
        }
    }

    /// <summary>
    /// The backward rule for a batch, chunk by chunk as in <see cref="Forward"/>: <c>dW = Σ dY X̃ᵀ</c>,
    /// <c>db[f] = Σ dY[f, :]</c>, and, unless <paramref name="dx"/> is empty, <c>dX̃ = Wᵀ dY</c> folded into
    /// <c>dx</c>. Overwrites the gradients.
    /// </summary>
    public static void Backward(
        ReadOnlySpan<float> x, ReadOnlySpan<float> weights, ReadOnlySpan<float> dy, Span<float> dWeights, Span<float> dBias, Span<float> dx,
        Span<float> scratch, int batch, int channels, int height, int width, int filters, int kernel, int stride, int padding, int chunk)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(chunk);
        int pixels = OutputSize(height, kernel, stride, padding) * OutputSize(width, kernel, stride, padding);
        int inLength = channels * height * width, outLength = filters * pixels, window = channels * kernel * kernel;
        dBias.Slice(0, filters).Clear();
        for (int first = 0; first < batch; first += chunk)
        {
            int count = Math.Min(chunk, batch - first), columns = count * pixels;
            var col = scratch.Slice(0, window * columns);
            var gradient = scratch.Slice(window * columns, filters * columns);
            for (int n = 0; n < count; n++)
            {
                Unfold(x.Slice((first + n) * inLength, inLength), col, columns, n * pixels, channels, height, width, kernel, stride, padding);
                var sample = dy.Slice((first + n) * outLength, outLength);
                for (int f = 0; f < filters; f++)
                {
                    sample.Slice(f * pixels, pixels).CopyTo(gradient.Slice(f * columns + n * pixels, pixels));
                }
            }

            // dW[F×CKK] (+)= dY[F×nP] · X̃[CKK×nP]ᵀ; db[f] += Σ dY[f, :]
            Gemm.ABt(gradient, col, dWeights, filters, window, columns, accumulate: first > 0);
            for (int f = 0; f < filters; f++)
            {
                dBias[f] += TensorPrimitives.Sum(gradient.Slice(f * columns, columns));
            }

            if (!dx.IsEmpty)
            {
                // dX̃[CKK×nP] = W[F×CKK]ᵀ · dY[F×nP], into the unfolded buffer, then folded sample by sample.
                Gemm.AtB(weights, gradient, col, window, columns, filters);
                for (int n = 0; n < count; n++)
                {
                    Fold(col, columns, n * pixels, dx.Slice((first + n) * inLength, inLength), channels, height, width, kernel, stride, padding);
                }
            }
        }
    }

    /// <summary>
    /// im2col: <c>X̃[(c K + u) K + v, offset + i OW + j] = x[c, i s + u - p, j s + v - p]</c>, 0 where the window
    /// hangs over the padding; <paramref name="rowLength"/> is the length of a row of <c>X̃</c>, in which this sample's
    /// columns start at <paramref name="offset"/>.
    /// </summary>
    public static void Unfold(
        ReadOnlySpan<float> x, Span<float> col, int rowLength, int offset, int channels, int height, int width, int kernel, int stride, int padding)
    {
        int outH = OutputSize(height, kernel, stride, padding), outW = OutputSize(width, kernel, stride, padding);
        int pixels = outH * outW;
        for (int c = 0; c < channels; c++)
        {
            var plane = x.Slice(c * height * width, height * width);
            for (int u = 0; u < kernel; u++)
            {
                for (int v = 0; v < kernel; v++)
                {
                    var row = col.Slice(((c * kernel + u) * kernel + v) * rowLength + offset, pixels);
                    var (first, end) = ValidRange(width, v, stride, padding, outW);
                    for (int i = 0; i < outH; i++)
                    {
                        var target = row.Slice(i * outW, outW);
                        int sourceRow = i * stride + u - padding;
                        if ((uint)sourceRow >= (uint)height || first >= end)
                        {
                            target.Clear();
                            continue;
                        }

                        target.Slice(0, first).Clear();
                        target.Slice(end).Clear();
                        var source = plane.Slice(sourceRow * width);
                        int column = first * stride + v - padding;
                        if (stride == 1)
                        {
                            source.Slice(column, end - first).CopyTo(target.Slice(first));
                        }
                        else
                        {
                            for (int j = first; j < end; j++, column += stride)
                            {
                                target[j] = source[column];
                            }
                        }
                    }
                }
            }
        }
    }

    /// <summary>
    /// col2im, the transpose of <see cref="Unfold"/>: <c>dx[c, i s + u - p, j s + v - p] += dX̃[(c K + u) K + v, offset + i OW + j]</c>
    /// over every window that covers the pixel. Overwrites <paramref name="dx"/>.
    /// </summary>
    public static void Fold(
        ReadOnlySpan<float> col, int rowLength, int offset, Span<float> dx, int channels, int height, int width, int kernel, int stride, int padding)
    {
        int outH = OutputSize(height, kernel, stride, padding), outW = OutputSize(width, kernel, stride, padding);
        int pixels = outH * outW;
        dx.Slice(0, channels * height * width).Clear();
        for (int c = 0; c < channels; c++)
        {
            var plane = dx.Slice(c * height * width, height * width);
            for (int u = 0; u < kernel; u++)
            {
                for (int v = 0; v < kernel; v++)
                {
                    var row = col.Slice(((c * kernel + u) * kernel + v) * rowLength + offset, pixels);
                    var (first, end) = ValidRange(width, v, stride, padding, outW);
                    for (int i = 0; i < outH; i++)
                    {
                        int targetRow = i * stride + u - padding;
                        if ((uint)targetRow >= (uint)height || first >= end)
                        {
                            continue;
                        }

                        var source = row.Slice(i * outW, outW);
                        var target = plane.Slice(targetRow * width);
                        int column = first * stride + v - padding;
                        if (stride == 1)
                        {
                            var span = target.Slice(column, end - first);
                            TensorPrimitives.Add(span, source.Slice(first, end - first), span);
                        }
                        else
                        {
                            for (int j = first; j < end; j++, column += stride)
                            {
                                target[column] += source[j];
                            }
                        }
                    }
                }
            }
        }
    }

    /// <summary>The output columns <c>[first, end)</c> whose input column <c>j s + v - p</c> lies inside <c>[0, width)</c>.</summary>
    private static (int First, int End) ValidRange(int width, int v, int stride, int padding, int outW)
    {
        // j s + v - p >= 0  ⇔  j >= ceil((p - v) / s);   j s + v - p < width  ⇔  j < ceil((width + p - v) / s).
        int first = Math.Max(0, CeilDiv(padding - v, stride));
        int end = Math.Min(outW, CeilDiv(width + padding - v, stride));
        return (first, Math.Max(first, end));
    }

    private static int CeilDiv(int a, int b) => a <= 0 ? -(-a / b) : (a + b - 1) / b;
}
