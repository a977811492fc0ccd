using System;
using System.Linq;
using Butterfly.Kernels;

namespace Butterfly.Runtime.Tests.Kernels;

/// <summary>The merge kernels and global average pooling against plain loops.</summary>
public sealed class MergingTests
{
    private static float[] Random(int length, int seed)
    {
        var random = new SeededRandom(seed);
        return Enumerable.Range(0, length).Select(_ => random.NextSingle() * 2 - 1).ToArray();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(37)]
    public void Add_multiply_and_their_accumulating_forms_match_plain_loops(int length)
    {
        float[] a = Random(length, 1), b = Random(length, 2), y = new float[length];
        Merging.Add(a, b, y);
        Assert.Equal(a.Select((v, i) => v + b[i]), y);
        Merging.Multiply(a, b, y);
        Assert.Equal(a.Select((v, i) => v * b[i]), y);
        float[] target = Random(length, 3), expected = target.Select((t, i) => t + (a[i] * b[i])).ToArray();
        Merging.MultiplyAdd(a, b, target);
        Assert.Equal(expected, target, (x, z) => Math.Abs(x - z) <= 1e-6f);
        expected = target.Select((t, i) => t + a[i]).ToArray();
        Merging.Accumulate(target, a);
        Assert.Equal(expected, target);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(100_003)] // split between threads on a multi-core machine, and a last block cut short
    public void Accumulate_and_copy_match_plain_loops(int length)
    {
        float[] a = Random(length, 8), target = Random(length, 9);
        var expected = target.Select((t, i) => t + a[i]).ToArray();
        Merging.Accumulate(target, a);
        Assert.Equal(expected, target);
        var copy = Bits.Garbage(length);
        Merging.Copy(a, copy);
        Bits.AssertSame(a, copy, "copy");
        Assert.Equal("target", Assert.Throws<ArgumentException>(() => Merging.Copy(a, new float[length + 1])).ParamName);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(13)]
    [InlineData(100_003)]
    public void Add_relu_backward_gives_the_bits_of_accumulate_then_relu_backward(int length)
    {
        float[] y = Random(length, 10), dy = Random(length, 11), share = Random(length, 12);
        y[0] = float.NaN;
        if (length > 2)
        {
            (y[1], y[2]) = (0f, -0f);
        }

        var sum = (float[])dy.Clone();
        Merging.Accumulate(sum, share);
        var expected = new float[length];
        Activations.ReLUBackward(y, sum, expected);
        var actual = Bits.Garbage(length);
        Merging.AddReLUBackward(y, dy, share, actual);
        Bits.AssertSame(expected, actual, "dx");
        Assert.Equal("share", Assert.Throws<ArgumentException>(() => Merging.AddReLUBackward(y, dy, new float[length + 1], actual)).ParamName);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2500)]
    public void Add_relu_gives_the_bits_of_add_then_relu_with_or_without_the_sum(int length)
    {
        float[] a = Random(length, 6), b = Random(length, 7);
        a[0] = float.NaN;
        if (length > 1)
        {
            (a[1], b[1]) = (-0f, 0f);
        }

        float[] sum = new float[length], expected = new float[length];
        Merging.Add(a, b, sum);
        Activations.ReLU(sum, expected);
        Assert.Equal(a.Select((v, i) => MathF.Max(v + b[i], 0f)), expected);
        float[] rectified = new float[length], alone = new float[length], both = new float[length];
        Merging.AddReLU(a, b, both, rectified);
        Assert.Equal(sum.Select(BitConverter.SingleToInt32Bits), both.Select(BitConverter.SingleToInt32Bits));
        Assert.Equal(expected.Select(BitConverter.SingleToInt32Bits), rectified.Select(BitConverter.SingleToInt32Bits));
        Merging.AddReLU(a, b, default, alone);
        Assert.Equal(expected.Select(BitConverter.SingleToInt32Bits), alone.Select(BitConverter.SingleToInt32Bits));
        float[] inPlace = (float[])a.Clone();
        Merging.AddReLU(inPlace, b, default, inPlace);
        Assert.Equal(expected.Select(BitConverter.SingleToInt32Bits), inPlace.Select(BitConverter.SingleToInt32Bits));
    }

    [Fact]
    public void Concat_places_each_sample_block_and_its_backward_takes_it_back()
    {
        const int batch = 3, first = 4, second = 6, total = first + second;
        float[] a = Random(batch * first, 4), b = Random(batch * second, 5), y = new float[batch * total];
        Merging.Concat(a, y, batch, first, total, 0);
        Merging.Concat(b, y, batch, second, total, first);
        for (int n = 0; n < batch; n++)
        {
            for (int i = 0; i < total; i++)
            {
                Assert.Equal(i < first ? a[n * first + i] : b[n * second + i - first], y[n * total + i]);
            }
        }

        var dx = new float[batch * second];
        Merging.ConcatBackward(y, dx, batch, second, total, first, accumulate: false);
        Assert.Equal(b, dx);
        Merging.ConcatBackward(y, dx, batch, second, total, first, accumulate: true);
        Assert.Equal(b.Select(v => 2 * v), dx);
    }

    [Fact]
    public void Lengths_that_do_not_fit_are_refused_with_the_argument_named()
    {
        var error = Assert.Throws<ArgumentException>(() => Merging.Add(new float[3], new float[4], new float[3]));
        Assert.Equal("b", error.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => Merging.Concat(new float[4], new float[8], 1, 4, 8, 5));
    }

    [Fact]
    public void Global_average_and_its_backward_match_plain_loops()
    {
        const int planes = 5, pixels = 9;
        float[] x = Random(planes * pixels, 6), y = new float[planes];
        Pooling.GlobalAverage(x, y, planes, pixels);
        for (int p = 0; p < planes; p++)
        {
            float sum = 0;
            for (int i = 0; i < pixels; i++)
            {
                sum += x[p * pixels + i];
            }

            Assert.Equal(sum / pixels, y[p], 5);
        }

        var dx = new float[planes * pixels];
        Pooling.GlobalAverageBackward(y, dx, planes, pixels);
        Assert.Equal(Enumerable.Range(0, planes * pixels).Select(i => y[i / pixels] / pixels), dx);
    }
}
