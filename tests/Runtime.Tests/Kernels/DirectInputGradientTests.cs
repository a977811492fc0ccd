using System;
using Butterfly.Kernels;

namespace Butterfly.Runtime.Tests.Kernels;

/// <summary>The direct input gradient of a stride-1 unpadded convolution against the formula, and which shapes it takes.</summary>
[Collection(KernelSettingsCollection.Name)]
public sealed class DirectInputGradientTests
{
    [Theory]
    [InlineData(8, 12, 12, 16, 5)] // the bench LeNet's second layer: one block per row, a row pair per step
    [InlineData(3, 11, 13, 5, 3)]  // odd height: the last pair has one row; a row of nine, so two blocks
    [InlineData(1, 7, 20, 4, 5)]   // sixteen outputs a row: two whole blocks and a carry into the tail
    [InlineData(4, 10, 25, 6, 4)]  // twenty-two outputs a row: the last block partly padding
    [InlineData(2, 9, 9, 3, 1)]    // 1×1: no carry at all
    [InlineData(3, 6, 30, 2, 2)]
    [InlineData(2, 5, 5, 2, 5)]    // one output per plane
    [InlineData(1, 1, 1, 1, 1)]
    public unsafe void Matches_the_formula(int channels, int height, int width, int filters, int kernel)
    {
        var shape = new ConvolutionShape(channels, height, width, filters, kernel);
        if (!DirectInputGradient.Takes(shape))
        {
            return; // No AVX2 here: the unfolded path, which ConvolutionTests covers, computes this shape.
        }

        var random = new SeededRandom(channels * 1000 + width * 10 + kernel);
        var w = ConvolutionTests.Random(random, filters * shape.Window);
        var dy = ConvolutionTests.Random(random, shape.OutLength);
        var dx = new float[shape.InLength];
        dx.AsSpan().Fill(float.NaN);
        var scratch = new float[DirectInputGradient.ScratchLength(shape)];
        scratch.AsSpan().Fill(float.NaN);

        fixed (float* pdy = dy, pw = w, pdx = dx, ps = scratch)
        {
            DirectInputGradient.Compute(pdy, pw, pdx, ps, shape);
        }

        var expected = new float[dx.Length];
        for (int c = 0; c < channels; c++)
        {
            for (int y = 0; y < height; y++)
            {
                for (int x = 0; x < width; x++)
                {
                    double sum = 0;
                    for (int f = 0; f < filters; f++)
                    {
                        for (int u = 0; u < kernel; u++)
                        {
                            for (int v = 0; v < kernel; v++)
                            {
                                int i = y - u, j = x - v;
                                if (i >= 0 && i < shape.OutH && j >= 0 && j < shape.OutW)
                                {
                                    sum += (double)w[((f * channels + c) * kernel + u) * kernel + v] * dy[(f * shape.OutH + i) * shape.OutW + j];
                                }
                            }
                        }
                    }

                    expected[(c * height + y) * width + x] = (float)sum;
                }
            }
        }

        ConvolutionTests.AssertClose(expected, dx);
    }

    [Fact]
    public void Takes_only_what_it_computes()
    {
        bool vectors = Simd.Best >= SimdPath.Vector256;
        Assert.Equal(vectors, DirectInputGradient.Takes(new ConvolutionShape(8, 12, 12, 16, 5)));
        Assert.False(DirectInputGradient.Takes(new ConvolutionShape(8, 12, 12, 16, 6)));   // wider than the registers hold
        Assert.False(DirectInputGradient.Takes(new ConvolutionShape(8, 12, 12, 16, 5, stride: 2)));
        Assert.False(DirectInputGradient.Takes(new ConvolutionShape(8, 12, 12, 16, 5, padding: 1)));
        using (Simd.Force(SimdPath.VectorT))
        {
            Assert.False(DirectInputGradient.Takes(new ConvolutionShape(8, 12, 12, 16, 5)));
        }
    }
}
