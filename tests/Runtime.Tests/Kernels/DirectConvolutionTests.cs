using System.Linq;
using System;
using Butterfly.Kernels;

namespace Butterfly.Runtime.Tests.Kernels;

/// <summary>The direct one-sample convolution against the formula, and against the unfolded path it stands in for.</summary>
public sealed class DirectConvolutionTests
{
    [Theory]
    [InlineData(1, 28, 28, 8, 5)]   // the bench LeNet's first layer: rows of 24 in 28, each plane a run of 668 positions
    [InlineData(2, 11, 13, 6, 3)]   // a run of 115 (rows of 11 in 13): the last vector and the last filters overlapping
    [InlineData(8, 12, 12, 16, 5)]  // its second: rows of 8 in 12, vectors across row ends
    [InlineData(3, 7, 6, 2, 3)]     // rows shorter than a vector: the scalar tail alone
    [InlineData(2, 13, 21, 3, 2)]   // 20 outputs per row: vectors and a tail
    [InlineData(3, 12, 14, 6, 3)]   // tiles overlapping in the last vector and the last filters
    [InlineData(2, 9, 12, 5, 3)]    // an odd number of rows
    [InlineData(1, 1, 1, 1, 1)]
    public void Matches_the_nested_loops_and_the_unfolded_path(int channels, int height, int width, int filters, int kernel)
    {
        var random = new SeededRandom(channels * 1000 + width);
        var x = ConvolutionTests.Random(random, channels * height * width);
        var w = ConvolutionTests.Random(random, filters * channels * kernel * kernel);
        var b = ConvolutionTests.Random(random, filters);
        int outH = height - kernel + 1, outW = width - kernel + 1;
        var y = new float[filters * outH * outW];

        DirectConvolution.Forward(x, w, b, y, channels, height, width, filters, kernel);

        var expected = new float[y.Length];
        for (int f = 0; f < filters; f++)
        {
            for (int i = 0; i < outH; i++)
            {
                for (int j = 0; j < outW; j++)
                {
                    double sum = b[f];
                    for (int c = 0; c < channels; c++)
                    {
                        for (int u = 0; u < kernel; u++)
                        {
                            for (int v = 0; v < kernel; v++)
                            {
                                sum += (double)w[((f * channels + c) * kernel + u) * kernel + v] * x[(c * height + i + u) * width + j + v];
                            }
                        }
                    }

                    expected[(f * outH + i) * outW + j] = (float)sum;
                }
            }
        }

        ConvolutionTests.AssertClose(expected, y);
        var unfolded = new float[y.Length];
        var scratch = new float[outH * outW * (channels * kernel * kernel + filters)];
        Convolution.Forward(x, w, b, unfolded, scratch, 1, channels, height, width, filters, kernel, 1, 0, 1);
        ConvolutionTests.AssertClose(unfolded, y);
    }

    /// <summary>With padding, one sample (as Predict calls it), plain and rectified, against the nested loops with bounds.</summary>
    [Theory]
    [InlineData(1, 28, 28, 16, 3, 1)] // the bench ResNet's first layer
    [InlineData(16, 14, 14, 32, 3, 1)]
    [InlineData(2, 9, 11, 5, 5, 2)]
    [InlineData(3, 4, 5, 2, 3, 2)]   // padding kernel - 1: the "full" convolution, rows shorter than a vector
    public void Padded_forward_matches_the_nested_loops(int channels, int height, int width, int filters, int kernel, int padding)
    {
        var random = new SeededRandom(channels * 100 + padding);
        var x = ConvolutionTests.Random(random, channels * height * width);
        var w = ConvolutionTests.Random(random, filters * channels * kernel * kernel);
        var b = ConvolutionTests.Random(random, filters);
        int outH = height + 2 * padding - kernel + 1, outW = width + 2 * padding - kernel + 1;
        var y = new float[filters * outH * outW];
        var rectified = new float[y.Length];
        DirectConvolution.Forward(x, w, b, y, channels, height, width, filters, kernel, padding: padding);
        DirectConvolution.Forward(x, w, b, rectified, channels, height, width, filters, kernel, rectify: true, padding: padding);

        var expected = new float[y.Length];
        for (int f = 0; f < filters; f++)
        {
            for (int i = 0; i < outH; i++)
            {
                for (int j = 0; j < outW; j++)
                {
                    double sum = b[f];
                    for (int c = 0; c < channels; c++)
                    {
                        for (int u = 0; u < kernel; u++)
                        {
                            for (int v = 0; v < kernel; v++)
                            {
                                int row = i + u - padding, column = j + v - padding;
                                if (row >= 0 && row < height && column >= 0 && column < width)
                                {
                                    sum += (double)w[((f * channels + c) * kernel + u) * kernel + v] * x[(c * height + row) * width + column];
                                }
                            }
                        }
                    }

                    expected[(f * outH + i) * outW + j] = (float)sum;
                }
            }
        }

        ConvolutionTests.AssertClose(expected, y);
        Assert.Equal(y.Select(v => MathF.Max(v, 0f)), rectified);
    }

    [Fact]
    public void A_row_gets_the_same_bits_from_the_vector_lanes_and_the_scalar_tail()
    {
        // Width 9 with kernel 1 gives 9 outputs per row: eight in a vector, the ninth in the tail. With the same input
        // at columns 0 and 8, the two must agree exactly.
        var x = new float[9];
        x[0] = x[8] = 0.1f;
        for (int j = 1; j < 8; j++)
        {
            x[j] = j;
        }

        var y = new float[9];
        DirectConvolution.Forward(x, [0.3f], [0.7f], y, 1, 1, 9, 1, 1);
        Assert.Equal(y[0], y[8]);
    }

    [Theory]
    [InlineData(3, 12, 14, 6, 3)]
    [InlineData(2, 9, 12, 5, 3)]
    [InlineData(8, 12, 12, 16, 5)]
    [InlineData(2, 11, 13, 6, 3)]   // vectors stored to two rows under masks
    public void Tiles_give_the_bits_of_one_filter_at_a_time(int channels, int height, int width, int filters, int kernel)
    {
        // One filter at a time takes the per-filter loops; several take the tiles, which overlap at ragged edges.
        var random = new SeededRandom(channels * 7 + filters);
        var x = ConvolutionTests.Random(random, channels * height * width);
        var w = ConvolutionTests.Random(random, filters * channels * kernel * kernel);
        var b = ConvolutionTests.Random(random, filters);
        int plane = (height - kernel + 1) * (width - kernel + 1), taps = channels * kernel * kernel;
        var tiled = new float[filters * plane];
        DirectConvolution.Forward(x, w, b, tiled, channels, height, width, filters, kernel);
        for (int f = 0; f < filters; f++)
        {
            var single = new float[plane];
            DirectConvolution.Forward(x, w.AsSpan(f * taps, taps), b.AsSpan(f, 1), single, channels, height, width, 1, kernel);
            Assert.True(single.AsSpan().SequenceEqual(tiled.AsSpan(f * plane, plane)), $"filter {f} differs between the tiles and the per-filter loops.");
        }
    }

    [Theory]
    [InlineData(8, 12, 12, 16, 5)]  // tiles
    [InlineData(3, 12, 14, 6, 3)]   // overlapping tiles
    [InlineData(2, 11, 13, 6, 3)]   // vectors stored to two rows under masks, rectified
    [InlineData(2, 13, 21, 3, 2)]   // per-filter loops: vectors and a scalar tail
    public void Rectifying_gives_the_bits_of_a_ReLU_run_afterwards(int channels, int height, int width, int filters, int kernel)
    {
        var (x, w, b) = OperandsWithSignedZeroAndNaNOutputs(channels + width, channels, height, width, filters, kernel);
        int length = filters * (height - kernel + 1) * (width - kernel + 1);
        var expected = new float[length];
        DirectConvolution.Forward(x, w, b, expected, channels, height, width, filters, kernel);
        Activations.ReLU(expected, expected);
        var rectified = new float[length];
        DirectConvolution.Forward(x, w, b, rectified, channels, height, width, filters, kernel, rectify: true);
        Bits.AssertSame(expected, rectified, "rectified");
    }

    [Theory]
    [InlineData(8, 12, 12, 16, 5)]  // pooling tiles, even rows and columns
    [InlineData(2, 11, 13, 6, 3)]   // odd rows and columns: the last row and column in tiles that pool nothing
    [InlineData(3, 12, 14, 6, 3)]   // pooling tiles overlapping in the last columns and the last filters
    [InlineData(2, 13, 21, 3, 2)]   // fewer filters than a tile: per filter, then pooled from memory
    [InlineData(1, 5, 9, 4, 3)]     // rows of one window short of a vector
    public void With_its_ReLU_and_pooling_it_gives_the_bits_of_the_three_layers_in_turn(int channels, int height, int width, int filters, int kernel)
    {
        var (x, w, b) = OperandsWithSignedZeroAndNaNOutputs(channels * 7 + width, channels, height, width, filters, kernel);
        int outH = height - kernel + 1, outW = width - kernel + 1, length = filters * outH * outW;
        var y = new float[length];
        var rectified = new float[length];
        var pooled = new float[filters * (outH / 2) * (outW / 2)];
        DirectConvolution.Forward(x, w, b, y, channels, height, width, filters, kernel);
        Activations.ReLU(y, rectified);
        Pooling.Max(rectified, pooled, filters, outH, outW, 2, 2);

        var all = (Y: Bits.Garbage(length), Rectified: Bits.Garbage(length), Pooled: Bits.Garbage(pooled.Length));
        DirectConvolution.ForwardReLU(x, w, b, channels, height, width, filters, kernel, all.Y, all.Rectified, all.Pooled);
        Bits.AssertSame(y, all.Y, "y");
        Bits.AssertSame(rectified, all.Rectified, "rectified");
        Bits.AssertSame(pooled, all.Pooled, "pooled");

        var pooledOnly = Bits.Garbage(pooled.Length);
        DirectConvolution.ForwardReLU(x, w, b, channels, height, width, filters, kernel, default, default, pooledOnly);
        Bits.AssertSame(pooled, pooledOnly, "pooled alone");

        var rectifiedOnly = Bits.Garbage(length);
        DirectConvolution.ForwardReLU(x, w, b, channels, height, width, filters, kernel, default, rectifiedOnly, default);
        Bits.AssertSame(rectified, rectifiedOnly, "rectified alone");
    }

    /// <summary>
    /// Random operands, except that zero weights on the first two filters make their outputs equal to their bias:
    /// -0 and NaN, beside the +0 and ordinary values of the others.
    /// </summary>
    private static (float[] X, float[] W, float[] B) OperandsWithSignedZeroAndNaNOutputs(int seed, int channels, int height, int width, int filters, int kernel)
    {
        var random = new SeededRandom(seed);
        var x = ConvolutionTests.Random(random, channels * height * width);
        var w = ConvolutionTests.Random(random, filters * channels * kernel * kernel);
        var b = ConvolutionTests.Random(random, filters);
        int taps = channels * kernel * kernel;
        w.AsSpan(0, taps).Clear();
        b[0] = -0f;
        w.AsSpan(taps, taps).Clear();
        b[1] = float.NaN;
        return (x, w, b);
    }

    [Fact]
    public void Names_the_argument_whose_length_is_wrong()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            DirectConvolution.Forward(new float[10], new float[9], new float[1], new float[4], 1, 4, 4, 1, 3));
        Assert.Equal("x", error.ParamName);
    }
}
