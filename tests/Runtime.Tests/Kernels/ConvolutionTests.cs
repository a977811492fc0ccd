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
        int outH = Convolution.OutputSize(height, kernel, stride, padding), outW = Convolution.OutputSize(width, kernel, stride, padding);
        var random = new SeededRandom(batch * 100 + chunk);
        var x = Random(random, batch * channels * height * width);
        var w = Random(random, filters * channels * kernel * kernel);
        var b = Random(random, filters);
        var dy = Random(random, batch * filters * outH * outW);
        var scratch = new float[Math.Min(batch, chunk) * outH * outW * (channels * kernel * kernel + filters)];

        var y = new float[dy.Length];
        Convolution.Forward(x, w, b, y, scratch, batch, channels, height, width, filters, kernel, stride, padding, chunk);
        var dw = new float[w.Length];
        var db = new float[b.Length];
        var dx = new float[x.Length];
        Convolution.Backward(x, w, dy, dw, db, dx, batch, channels, height, width, filters, kernel, stride, padding);

        var expectedY = new float[y.Length];
        var expectedDw = new float[dw.Length];
        var expectedDb = new float[db.Length];
        var expectedDx = new float[dx.Length];
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
                            for (int u = 0; u < kernel; u++)
                            {
                                for (int v = 0; v < kernel; v++)
                                {
                                    int row = i * stride + u - padding, column = j * stride + v - padding;
                                    if (row < 0 || row >= height || column < 0 || column >= width)
                                    {
                                        continue;
                                    }

                                    int input = ((n * channels + c) * height + row) * width + column;
                                    int weight = ((f * channels + c) * kernel + u) * kernel + v;
                                    sum += w[weight] * x[input];
                                    expectedDw[weight] += dy[at] * x[input];
                                    expectedDx[input] += dy[at] * w[weight];
                                }
                            }
                        }

                        expectedY[at] = (float)sum;
                    }
                }
            }
        }

        AssertClose(expectedY, y);
        AssertClose(expectedDw, dw);
        AssertClose(expectedDb, db);
        AssertClose(expectedDx, dx);
    }

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
