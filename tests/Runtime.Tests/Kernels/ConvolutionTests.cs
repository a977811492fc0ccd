using System;
using Butterfly.Kernels;

namespace Butterfly.Runtime.Tests.Kernels;

/// <summary>The batched convolution (direct or unfolded and chunked, backward in groups) against the formula, written as plain nested loops.</summary>
public sealed class ConvolutionTests
{
    [Theory]
    [InlineData(5, 1, 6, 6, 2, 3, 1, 0, 2)]
    [InlineData(3, 2, 7, 6, 3, 3, 2, 1, 1)]
    [InlineData(4, 3, 5, 5, 4, 2, 1, 1, 3)]
    [InlineData(2, 2, 9, 8, 1, 4, 3, 2, 64)]
    [InlineData(3, 2, 13, 11, 9, 3, 1, 0, 1)] // a block of eight filters and one more; rows of one vector and one leftover column
    [InlineData(7, 8, 12, 12, 16, 5, 1, 0, 2)] // the bench LeNet's second layer: channels-last dW, direct dx
    [InlineData(5, 4, 20, 20, 6, 3, 1, 1, 2)] // padded, backward in groups of 2
    [InlineData(9, 3, 14, 10, 4, 5, 1, 0, 4)] // direct dx sample by sample, dW in groups of 8 and 1
    [InlineData(3, 2, 10, 9, 3, 6, 1, 0, 2)] // direct dW, but a window too wide for the direct dx: folded
    [InlineData(3, 16, 28, 28, 16, 3, 1, 1, 1)] // the bench ResNet's first block: direct over zero-padded copies
    [InlineData(2, 32, 14, 14, 32, 3, 1, 1, 1)] // its second: channels-last dW over padded copies
    [InlineData(2, 3, 9, 11, 5, 5, 1, 2, 1)]    // padding 2 around a 5×5 window, non-square
    [InlineData(2, 2, 7, 6, 3, 6, 1, 3, 1)]     // padded, a window too wide for the direct dx: folded
    public void Forward_and_backward_match_the_nested_loops(
        int batch, int channels, int height, int width, int filters, int kernel, int stride, int padding, int chunk)
    {
        var shape = new ConvolutionShape(channels, height, width, filters, kernel, stride, padding);
        int outH = Convolution.OutputSize(height, kernel, stride, padding), outW = Convolution.OutputSize(width, kernel, stride, padding);
        Assert.Equal((outH, outW), (shape.OutH, shape.OutW));
        var random = new SeededRandom(batch * 100 + chunk);
        var (x, w, b, dy) = Operands(random, batch, shape);
        var scratch = new float[Math.Min(batch, chunk) * outH * outW * (channels * kernel * kernel + filters)];

        var y = new float[dy.Length];
        Convolution.Forward(x, w, b, y, scratch, batch, channels, height, width, filters, kernel, stride, padding, chunk);
        var dw = new float[w.Length];
        var db = new float[b.Length];
        var dx = new float[x.Length];
        Convolution.Backward(x, w, dy, dw, db, dx, batch, channels, height, width, filters, kernel, stride, padding);

        var expected = NestedLoops(x, w, b, dy, batch, shape);
        AssertClose(expected.Y, y);
        AssertClose(expected.Dw, dw);
        AssertClose(expected.Db, db);
        AssertClose(expected.Dx, dx);
    }

    [Theory]
    [InlineData(3, 2, 9, 11, 4, 3, 5, 1, 1, 0, 0, 0, 0, 2)]  // a 3×5 kernel at stride 1: unfolded, not direct
    [InlineData(2, 3, 10, 9, 5, 3, 5, 2, 1, 0, 1, 2, 1, 1)]  // the ONNX test's geometry: strides (2, 1), pads [0, 1, 2, 1]
    [InlineData(4, 1, 8, 8, 3, 3, 3, 2, 2, 0, 0, 1, 1, 3)]   // SAME_UPPER at stride 2: one zero row and column at the end only
    [InlineData(2, 2, 7, 8, 3, 2, 2, 1, 1, 1, 1, 0, 0, 1)]   // SAME_LOWER of an even 2×2 kernel: zeros at the start only
    [InlineData(3, 2, 6, 13, 2, 1, 4, 1, 3, 0, 3, 0, 2, 64)] // a 1×4 kernel striding 3 across, padded only sideways
    [InlineData(2, 2, 12, 5, 3, 5, 2, 3, 1, 4, 0, 2, 1, 1)]  // a tall kernel with more padding above than the kernel leaves
    [InlineData(3, 16, 8, 8, 9, 3, 3, 1, 1, 1, 1, 1, 1, 2)]  // square and symmetric through the general shape: the direct kernels
    public void Any_kernel_strides_and_padding_match_the_nested_loops(
        int batch, int channels, int height, int width, int filters, int kernelHeight, int kernelWidth,
        int strideHeight, int strideWidth, int padTop, int padLeft, int padBottom, int padRight, int chunk)
    {
        var shape = new ConvolutionShape(channels, height, width, filters, kernelHeight, kernelWidth, strideHeight, strideWidth, padTop, padLeft, padBottom, padRight);
        Assert.Equal(kernelHeight == kernelWidth && strideHeight == 1 && strideWidth == 1 && padTop == padLeft && padTop == padBottom && padTop == padRight, shape.IsDirect);
        var random = new SeededRandom(batch * 1000 + kernelWidth * 10 + padBottom);
        var (x, w, b, dy) = Operands(random, batch, shape);
        var scratch = new float[Math.Min(batch, chunk) * shape.Pixels * (shape.Window + filters)];

        var y = new float[dy.Length];
        Convolution.Forward(x, w, b, y, scratch, batch, shape, chunk);
        var dw = new float[w.Length];
        var db = new float[b.Length];
        var dx = new float[x.Length];
        Convolution.Backward(x, w, dy, dw, db, dx, batch, shape);

        var expected = NestedLoops(x, w, b, dy, batch, shape);
        AssertClose(expected.Y, y);
        AssertClose(expected.Dw, dw);
        AssertClose(expected.Db, db);
        AssertClose(expected.Dx, dx);

        // Without dx (a first layer), the weight gradient is the same.
        var dwAlone = new float[w.Length];
        Convolution.Backward(x, w, dy, dwAlone, db, default, batch, shape);
        AssertClose(expected.Dw, dwAlone);
    }

    [Fact]
    public void Unfold_and_fold_of_a_rectangular_window_are_transposes()
    {
        // <Unfold(x), c> = <x, Fold(c)> for any x and c: fold is unfold's transpose, so dx = fold(Wᵀ dY) is the gradient.
        var shape = new ConvolutionShape(2, 7, 6, 1, 2, 4, 2, 1, 1, 2, 0, 1);
        var random = new SeededRandom(5);
        int columns = shape.Pixels;
        var x = Random(random, shape.InLength);
        var c = Random(random, shape.Window * columns);
        var unfolded = new float[c.Length];
        Convolution.Unfold(x, unfolded, columns, 0, shape);
        var folded = new float[x.Length];
        Convolution.Fold(c, columns, 0, folded, shape);
        double left = 0, right = 0;
        for (int i = 0; i < c.Length; i++)
        {
            left += unfolded[i] * (double)c[i];
        }

        for (int i = 0; i < x.Length; i++)
        {
            right += x[i] * (double)folded[i];
        }

        Assert.Equal(left, right, 4);
    }

    [Theory]
    [InlineData(0, 3, 1, 1, 0, 0, "kernelHeight")]
    [InlineData(3, 3, 1, 0, 0, 0, "strideWidth")]
    [InlineData(3, 3, 1, 1, -1, 0, "padTop")]
    [InlineData(3, 12, 1, 1, 0, 1, "kernelWidth")] // 12 columns over 8 + 1 + 1
    public void A_shape_that_cannot_be_is_refused_naming_the_argument(int kernelHeight, int kernelWidth, int strideHeight, int strideWidth, int padTop, int padRight, string argument)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() =>
            new ConvolutionShape(1, 8, 8, 1, kernelHeight, kernelWidth, strideHeight, strideWidth, padTop, 1, 0, padRight));
        Assert.Equal(argument, error.ParamName);
    }

    /// <summary>Random input, weights, bias and output gradient for a batch of <paramref name="shape"/>.</summary>
    private static (float[] X, float[] W, float[] B, float[] Dy) Operands(SeededRandom random, int batch, ConvolutionShape shape) =>
        (Random(random, batch * shape.InLength), Random(random, shape.Filters * shape.Window), Random(random, shape.Filters), Random(random, batch * shape.OutLength));

    /// <summary>
    /// The formula as plain loops, in double: <c>y[n, f, i, j] = b[f] + Σ_c,u,v w[f, c, u, v] x[n, c, i SH + u - PT, j SW + v - PL]</c>
    /// (zero outside the input), and its gradients <c>dW</c>, <c>db</c>, <c>dx</c> for the output gradient <paramref name="dy"/>.
    /// </summary>
    private static (float[] Y, float[] Dw, float[] Db, float[] Dx) NestedLoops(float[] x, float[] w, float[] b, float[] dy, int batch, ConvolutionShape shape)
    {
        int channels = shape.Channels, height = shape.Height, width = shape.Width, filters = shape.Filters, outH = shape.OutH, outW = shape.OutW;
        var expectedY = new float[dy.Length];
        var expectedDw = new double[w.Length];
        var expectedDb = new double[b.Length];
        var expectedDx = new double[x.Length];
        for (int n = 0; n < batch; n++)
        {
            for (int f = 0; f < filters; f++)
            {
                for (int i = 0; i < outH; i++)
                {
                    for (int j = 0; j < outW; j++)
                    {
                        int at = ((n * filters + f) * outH + i) * outW + j;
                        double sum = b[f];
                        expectedDb[f] += dy[at];
                        for (int c = 0; c < channels; c++)
                        {
                            for (int u = 0; u < shape.KernelHeight; u++)
                            {
                                for (int v = 0; v < shape.KernelWidth; v++)
                                {
                                    int row = i * shape.StrideHeight + u - shape.PadTop, column = j * shape.StrideWidth + v - shape.PadLeft;
                                    if (row < 0 || row >= height || column < 0 || column >= width)
                                    {
                                        continue;
                                    }

                                    int input = ((n * channels + c) * height + row) * width + column;
                                    int weight = ((f * channels + c) * shape.KernelHeight + u) * shape.KernelWidth + v;
                                    sum += w[weight] * (double)x[input];
                                    expectedDw[weight] += dy[at] * (double)x[input];
                                    expectedDx[input] += dy[at] * (double)w[weight];
                                }
                            }
                        }

                        expectedY[at] = (float)sum;
                    }
                }
            }
        }

        return (expectedY, ToFloats(expectedDw), ToFloats(expectedDb), ToFloats(expectedDx));
    }

    private static float[] ToFloats(double[] values) => Array.ConvertAll(values, v => (float)v);

    [Theory]
    [InlineData(5, 3, 12, 11, 6, 3, 1, 0)] // direct: from each sample's sums
    [InlineData(3, 2, 9, 10, 5, 3, 1, 1)]  // padded: ReLU and pooling after the product
    public void Forward_with_the_ReLU_and_pooling_after_it_gives_the_bits_of_the_three_layers(
        int batch, int channels, int height, int width, int filters, int kernel, int stride, int padding)
    {
        int outH = Convolution.OutputSize(height, kernel, stride, padding), outW = Convolution.OutputSize(width, kernel, stride, padding);
        var random = new SeededRandom(batch * 31 + width);
        var x = Random(random, batch * channels * height * width);
        var w = Random(random, filters * channels * kernel * kernel);
        var b = Random(random, filters);
        var scratch = new float[batch * outH * outW * (channels * kernel * kernel + filters)];
        int length = batch * filters * outH * outW, pooledLength = batch * filters * (outH / 2) * (outW / 2);
        var (y, rectified, pooled) = (new float[length], new float[length], new float[pooledLength]);
        Convolution.Forward(x, w, b, y, scratch, batch, channels, height, width, filters, kernel, stride, padding, batch);
        Activations.ReLU(y, rectified);
        Pooling.Max(rectified, pooled, batch * filters, outH, outW, 2, 2);

        var (fusedY, fusedRectified, fusedPooled) = (new float[length], new float[length], new float[pooledLength]);
        Convolution.Forward(x, w, b, fusedY, scratch, batch, channels, height, width, filters, kernel, stride, padding, batch, fusedRectified, fusedPooled);
        Assert.Equal(y, fusedY);
        Assert.Equal(rectified, fusedRectified);
        Assert.Equal(pooled, fusedPooled);
    }

    [Fact]
    public void Forward_refuses_a_pooled_output_without_the_rectified_one()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            Convolution.Forward(new float[16], new float[9], new float[1], new float[4], default, 1, 1, 4, 4, 1, 3, 1, 0, 1, default, new float[1]));
        Assert.Equal("pooled", error.ParamName);
    }

    internal static float[] Random(SeededRandom random, int length)
    {
        var values = new float[length];
        for (int i = 0; i < length; i++)
        {
            values[i] = 2f * random.NextSingle() - 1f;
        }

        return values;
    }

    internal static void AssertClose(float[] expected, float[] actual, float tolerance = 1e-4f)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance * (1 + Math.Abs(expected[i])), $"[{i}]: expected {expected[i]}, got {actual[i]}");
        }
    }
}
