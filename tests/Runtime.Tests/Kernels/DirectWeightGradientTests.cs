using System;
using Butterfly.Kernels;

namespace Butterfly.Runtime.Tests.Kernels;

/// <summary>The direct weight gradient of a stride-1 unpadded convolution against the formula, on every path this processor runs.</summary>
[Collection(KernelSettingsCollection.Name)]
public sealed class DirectWeightGradientTests
{
    public static TheoryData<string> Paths => KernelPaths.All();

    [Theory]
    [MemberData(nameof(Paths))]
    public void Matches_the_nested_loops(string pathName)
    {
        var path = KernelPaths.Parse(pathName);
        if (path > Simd.Best)
        {
            return; // This processor lacks the instruction set; GemmTests.Force_refuses_a_path_the_processor_lacks covers it.
        }

        using var forced = Simd.Force(path);
        foreach (var (samples, channels, height, width, filters, kernel) in new[]
        {
            (3, 1, 28, 28, 8, 5),   // the bench LeNet's first layer: three vectors per row, one block of filters
            (2, 1, 30, 30, 16, 3),  // the bench ResNet's first layer, padded: 28 columns, a 512-bit vector and a masked one
            (2, 2, 19, 21, 5, 3),   // 19 columns: a 512-bit vector and one overlapping it in all but three lanes
            (2, 16, 10, 11, 6, 3),  // sixteen channels: one 512-bit channel vector
            (1, 48, 6, 7, 4, 3),    // three 512-bit channel vectors
            (2, 8, 12, 12, 16, 5),  // its second: eight channels, so channels-last
            (3, 16, 7, 9, 5, 3),    // channels-last: two channel vectors (one on the 512-bit path), a filter and a tap past the last block
            (2, 32, 9, 8, 6, 3),    // channels-last, two 512-bit channel vectors
            (2, 2, 13, 11, 9, 3),   // a vector and a leftover column per row; a block and one filter more
            (1, 3, 7, 6, 2, 3),     // rows shorter than a vector, fewer filters than a block
            (1, 1, 1, 1, 1, 1),
        })
        {
            var random = new SeededRandom(samples * 100 + width);
            int outH = height - kernel + 1, outW = width - kernel + 1;
            var x = ConvolutionTests.Random(random, samples * channels * height * width);
            var dy = ConvolutionTests.Random(random, samples * filters * outH * outW);
            var dw = new float[filters * channels * kernel * kernel];
            dw.AsSpan().Fill(float.NaN);

            DirectWeightGradient.Compute(x, dy, dw, samples, channels, height, width, filters, kernel);

            var expected = new float[dw.Length];
            for (int f = 0; f < filters; f++)
            {
                for (int c = 0; c < channels; c++)
                {
                    for (int u = 0; u < kernel; u++)
                    {
                        for (int v = 0; v < kernel; v++)
                        {
                            double sum = 0;
                            for (int n = 0; n < samples; n++)
                            {
                                for (int i = 0; i < outH; i++)
                                {
                                    for (int j = 0; j < outW; j++)
                                    {
                                        sum += (double)dy[((n * filters + f) * outH + i) * outW + j] * x[((n * channels + c) * height + i + u) * width + j + v];
                                    }
                                }
                            }

                            expected[((f * channels + c) * kernel + u) * kernel + v] = (float)sum;
                        }
                    }
                }
            }

            ConvolutionTests.AssertClose(expected, dw);
        }
    }

    [Theory]
    [InlineData(3, 16, 30, 30, 16, 3)] // W9's second layer (its input padded)
    [InlineData(2, 32, 16, 16, 32, 3)] // its fifth
    [InlineData(2, 48, 7, 9, 5, 3)]    // three 512-bit channel vectors, a filter past the last block
    public void Channels_last_gives_the_same_bits_on_every_path(int samples, int channels, int height, int width, int filters, int kernel)
    {
        var random = new SeededRandom(channels * 7 + filters);
        var x = ConvolutionTests.Random(random, samples * channels * height * width);
        var dy = ConvolutionTests.Random(random, samples * filters * (height - kernel + 1) * (width - kernel + 1));
        float[]? first = null;
        foreach (var path in KernelPaths.Available())
        {
            if (path < SimdPath.Vector256)
            {
                continue; // the portable loops sum in another order
            }

            using var forced = Simd.Force(path);
            var dw = new float[filters * channels * kernel * kernel];
            DirectWeightGradient.Compute(x, dy, dw, samples, channels, height, width, filters, kernel);
            if (first is null)
            {
                first = dw;
            }
            else
            {
                Bits.AssertSame(first, dw, $"dW on {path}");
            }
        }
    }

    [Fact]
    public void Rejects_a_gradient_of_the_wrong_length()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            DirectWeightGradient.Compute(new float[16], new float[4], new float[8], 1, 1, 4, 4, 1, 3));
        Assert.Equal("dWeights", error.ParamName);
    }
}
