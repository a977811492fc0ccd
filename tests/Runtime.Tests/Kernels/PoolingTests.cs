using System;
using System.Linq;
using Butterfly.Kernels;

namespace Butterfly.Runtime.Tests.Kernels;

/// <summary>Max and average pooling against plain loops over every window, overlapping windows included.</summary>
public sealed class PoolingTests
{
    [Theory]
    [InlineData(3, 6, 6, 2, 2)]
    [InlineData(2, 7, 5, 3, 2)]
    [InlineData(1, 5, 5, 3, 1)]
    public void Pooling_matches_the_window_loops(int planes, int height, int width, int size, int stride)
    {
        int outH = (height - size) / stride + 1, outW = (width - size) / stride + 1;
        var random = new SeededRandom(planes * 10 + size);
        var x = ConvolutionTests.Random(random, planes * height * width);
        var dy = ConvolutionTests.Random(random, planes * outH * outW);

        var max = new float[dy.Length];
        var average = new float[dy.Length];
        var dxMax = new float[x.Length];
        var dxAverage = new float[x.Length];
        Pooling.Max(x, max, planes, height, width, size, stride);
        Pooling.Average(x, average, planes, height, width, size, stride);
        Pooling.MaxBackward(x, dy, dxMax, planes, height, width, size, stride);
        Pooling.AverageBackward(dy, dxAverage, planes, height, width, size, stride);

        var expectedMax = new float[dy.Length];
        var expectedAverage = new float[dy.Length];
        var expectedDxMax = new float[x.Length];
        var expectedDxAverage = new float[x.Length];
        for (int p = 0; p < planes; p++)
        {
            for (int i = 0; i < outH; i++)
            {
                for (int j = 0; j < outW; j++)
                {
                    int at = (p * outH + i) * outW + j, best = -1;
                    float sum = 0f;
                    for (int u = 0; u < size; u++)
                    {
                        for (int v = 0; v < size; v++)
                        {
                            int input = (p * height + i * stride + u) * width + j * stride + v;
                            sum += x[input];
                            best = best < 0 || x[input] > x[best] ? input : best;
                            expectedDxAverage[input] += dy[at] / (size * size);
                        }
                    }

                    expectedMax[at] = x[best];
                    expectedAverage[at] = sum / (size * size);
                    expectedDxMax[best] += dy[at];
                }
            }
        }

        ConvolutionTests.AssertClose(expectedMax, max);
        ConvolutionTests.AssertClose(expectedAverage, average);
        ConvolutionTests.AssertClose(expectedDxMax, dxMax);
        ConvolutionTests.AssertClose(expectedDxAverage, dxAverage);
    }

    [Theory]
    [InlineData(2, 2)]
    [InlineData(2, 1)]
    [InlineData(3, 3)]
    public void A_tie_sends_the_gradient_to_the_first_maximum_in_row_major_order(int size, int stride)
    {
        int side = size + stride;
        var x = new float[side * side];
        x.AsSpan().Fill(1f);
        int outputs = ((side - size) / stride + 1) * ((side - size) / stride + 1);
        var dy = new float[outputs];
        dy[0] = 1f;
        var dx = new float[x.Length];
        Pooling.MaxBackward(x, dy, dx, 1, side, side, size, stride);
        Assert.Equal(1f, dx[0]);
        Assert.Equal(1f, dx.Sum());
    }
}
