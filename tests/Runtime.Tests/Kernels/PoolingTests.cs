using System;
using System.Linq;
using Butterfly.Kernels;

namespace Butterfly.Runtime.Tests.Kernels;

/// <summary>
/// Max and average pooling against plain loops over every window, overlapping windows included. The 2×2, stride-2
/// kernels are checked on each instruction-set path in turn, bit for bit: every width from 2 to 40 (every mix of full
/// vectors, overlapping half vectors and scalar rows, and odd widths whose last column is dropped), odd and even
/// heights, several planes, and inputs full of ties (ReLU-like zeros), signed zeros and NaN, where the first-maximum
/// rule decides both the output and where the gradient goes.
/// </summary>
[Collection(KernelSettingsCollection.Name)]
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

    [Fact]
    public void Spans_of_the_wrong_length_are_refused()
    {
        var x = new float[2 * 4 * 4];
        Assert.Throws<ArgumentException>(() => Pooling.Max(x, new float[7], 2, 4, 4, 2, 2));
        Assert.Throws<ArgumentException>(() => Pooling.Max(new float[31], new float[8], 2, 4, 4, 2, 2));
        Assert.Throws<ArgumentException>(() => Pooling.MaxBackward(x, new float[8], new float[33], 2, 4, 4, 2, 2));
        Assert.Throws<ArgumentException>(() => Pooling.AverageBackward(new float[9], new float[32], 2, 4, 4, 2, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => Pooling.Average(x, new float[8], 2, 4, 1, 2, 2));
    }

    private static readonly int[] s_heights = [2, 3, 4, 5, 8, 9];

    public static TheoryData<string> Paths => KernelPaths.All();

    [Theory]
    [MemberData(nameof(Paths))]
    public void Every_kernel_matches_the_nested_loops_bit_for_bit_on_every_shape(string pathName)
    {
        var path = KernelPaths.Parse(pathName);
        if (path > Simd.Best)
        {
            return; // This processor lacks the instruction set; GemmTests.Force_refuses_a_path_the_processor_lacks covers it.
        }

        using var forced = Simd.Force(path);
        // Value pools: ties among ReLU-like zeros, signed zeros, NaN among them, and ordinary random floats.
        foreach (string inputs in new[] { "ties", "signed zeros", "nan", "random" })
        {
            var random = new Random(inputs.Length);
            foreach (int planes in new[] { 1, 3 })
            {
                foreach (int height in s_heights)
                {
                    for (int width = 2; width <= 40; width++)
                    {
                        Check(random, inputs, planes, height, width, $"{path} {inputs} {planes}x{height}x{width}");
                    }
                }
            }
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(8)]
    public void A_batch_split_between_threads_matches_the_nested_loops_bit_for_bit(int threads)
    {
        // Enough planes that the kernels split them between threads; an odd plane count leaves uneven ranges.
        using var scope = KernelPaths.Threads(threads);
        foreach (string inputs in new[] { "ties", "random" })
        {
            Check(new Random(threads), inputs, 331, 24, 25, $"{threads} threads, {inputs}");
        }
    }

    [Theory]
    [InlineData(3, 2)]
    [InlineData(2, 1)]
    public void Through_a_ReLU_other_windows_give_the_bits_of_the_two_rules_in_turn(int size, int stride)
    {
        var random = new Random(size * 10 + stride);
        int planes = 3, height = 9, width = 11, outH = (height - size) / stride + 1, outW = (width - size) / stride + 1;
        var x = new float[planes * height * width];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = Draw(random, "nan");
        }

        var dy = new float[planes * outH * outW];
        for (int i = 0; i < dy.Length; i++)
        {
            dy[i] = (float)(random.NextDouble() * 4 - 2);
        }

        var expected = new float[x.Length];
        Pooling.MaxBackward(x, dy, expected, planes, height, width, size, stride);
        Activations.ReLUBackward(x, expected, expected);
        var fused = Bits.Garbage(x.Length);
        Pooling.MaxBackwardThroughReLU(x, dy, fused, planes, height, width, size, stride);
        Bits.AssertSame(expected, fused, $"{size}x{size} windows, stride {stride}");
    }

    [Fact]
    public void An_empty_batch_is_nothing_to_do()
    {
        Pooling.Max([], [], 0, 4, 4, 2, 2);
        Pooling.MaxBackward([], [], [], 0, 4, 4, 2, 2);
        Pooling.MaxBackwardThroughReLU([], [], [], 0, 4, 4, 2, 2);
        Pooling.Average([], [], 0, 4, 4, 2, 2);
        Pooling.AverageBackward([], [], 0, 4, 4, 2, 2);
    }

    [Fact]
    public void Max_backward_sends_each_gradient_to_the_first_maximum_of_tied_zeros()
    {
        // A ReLU output: every window all zeros, some of them negative zeros; each gradient lands top-left.
        int planes = 2, height = 4, width = 36;
        var x = new float[planes * height * width];
        for (int i = 0; i < x.Length; i += 3)
        {
            x[i] = -0f;
        }

        var dy = new float[planes * (height / 2) * (width / 2)];
        dy.AsSpan().Fill(1f);
        var dx = new float[x.Length];
        var y = new float[dy.Length];
        Pooling.MaxBackward(x, dy, dx, planes, height, width, 2, 2);
        Pooling.Max(x, y, planes, height, width, 2, 2);
        for (int p = 0; p < planes; p++)
        {
            for (int r = 0; r < height; r++)
            {
                for (int c = 0; c < width; c++)
                {
                    int at = (p * height + r) * width + c;
                    Assert.Equal(r % 2 == 0 && c % 2 == 0 ? 1f : 0f, dx[at]);
                    if (r % 2 == 0 && c % 2 == 0)
                    {
                        Assert.Equal(BitConverter.SingleToInt32Bits(x[at]), BitConverter.SingleToInt32Bits(y[(p * height / 2 + r / 2) * (width / 2) + c / 2]));
                    }
                }
            }
        }
    }

    private static void Check(Random random, string inputs, int planes, int height, int width, string because)
    {
        int outH = height / 2, outW = width / 2;
        var x = new float[planes * height * width];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = Draw(random, inputs);
        }

        var dy = new float[planes * outH * outW];
        for (int i = 0; i < dy.Length; i++)
        {
            // Signed zeros and NaN in the gradient too: it must be copied bit for bit.
            dy[i] = random.Next(8) switch { 0 => -0f, 1 => float.NaN, _ => (float)(random.NextDouble() * 4 - 2) };
        }

        // Outputs start out as garbage so an element the kernel forgets to write shows up.
        var max = Bits.Garbage(dy.Length);
        var average = Bits.Garbage(dy.Length);
        var dxMax = Bits.Garbage(x.Length);
        var dxAverage = Bits.Garbage(x.Length);
        var dxThroughReLU = Bits.Garbage(x.Length);
        Pooling.Max(x, max, planes, height, width, 2, 2);
        Pooling.Average(x, average, planes, height, width, 2, 2);
        Pooling.MaxBackward(x, dy, dxMax, planes, height, width, 2, 2);
        Pooling.AverageBackward(dy, dxAverage, planes, height, width, 2, 2);
        Pooling.MaxBackwardThroughReLU(x, dy, dxThroughReLU, planes, height, width, 2, 2);

        var expectedMax = new float[max.Length];
        var expectedAverage = new float[average.Length];
        var expectedDxMax = new float[x.Length];
        var expectedDxAverage = new float[x.Length];
        for (int p = 0; p < planes; p++)
        {
            for (int i = 0; i < outH; i++)
            {
                for (int j = 0; j < outW; j++)
                {
                    int output = (p * outH + i) * outW + j, best = -1;
                    float sum = 0f;
                    for (int u = 0; u < 2; u++)
                    {
                        for (int v = 0; v < 2; v++)
                        {
                            int input = (p * height + 2 * i + u) * width + 2 * j + v;
                            if (best < 0 || x[input] > x[best])
                            {
                                best = input;
                            }

                            sum += x[input];
                            expectedDxAverage[input] += dy[output] * 0.25f;
                        }
                    }

                    expectedMax[output] = x[best];
                    expectedAverage[output] = sum * 0.25f;
                    expectedDxMax[best] = dy[output];
                }
            }
        }

        Bits.AssertSame(expectedMax, max, "Max " + because);
        Bits.AssertSame(expectedAverage, average, "Average " + because);
        Bits.AssertSame(expectedDxMax, dxMax, "MaxBackward " + because);
        Bits.AssertSame(expectedDxAverage, dxAverage, "AverageBackward " + because);

        // The ReLU's rule after the pooling's: dx = y > 0 ? dy : 0, x being the ReLU's output.
        var expectedThroughReLU = new float[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            expectedThroughReLU[i] = x[i] > 0f ? expectedDxMax[i] : 0f;
        }

        Bits.AssertSame(expectedThroughReLU, dxThroughReLU, "MaxBackwardThroughReLU " + because);
    }

    private static float Draw(Random random, string inputs) => inputs switch
    {
        "ties" => random.Next(5) switch { < 3 => 0f, 3 => 1f, _ => 2f },
        "signed zeros" => random.Next(4) switch { 0 => -0f, 1 => 0f, 2 => 0f, _ => 1f },
        "nan" => random.Next(6) switch { 0 => float.NaN, 1 => -0f, 2 => 0f, 3 => -1f, 4 => 1f, _ => 2f },
        _ => (float)(random.NextDouble() * 2 - 1),
    };
}
