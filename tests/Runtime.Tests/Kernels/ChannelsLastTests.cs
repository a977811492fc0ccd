using System;
using System.Linq;
using Butterfly.Kernels;

namespace Butterfly.Runtime.Tests.Kernels;

/// <summary>
/// The channels-last kernels against the planar ones: a convolution gives exactly the bits of
/// <see cref="DirectConvolution"/> (with a residual, those of the convolution and then the sum), pooling and the
/// element-wise rules those of <see cref="Pooling"/> and <see cref="Merging"/>, on every vector path, for one, two and
/// three threads; every border pixel is written with zeros over garbage, and nothing outside the output is written.
/// </summary>
[Collection(KernelSettingsCollection.Name)]
public sealed class ChannelsLastTests
{
    /// <summary>Floats of garbage on each side of an output, which must stay garbage.</summary>
    private const int Guard = 37;

    private static readonly int[] s_threadCounts = [1, 2, 3];

    [Theory]
    [InlineData(1, 28, 28, 16, 3, 1)]   // W8's first layer: one 28-pixel tile a row (512-bit), from the planar input
    [InlineData(16, 28, 28, 16, 3, 1)]  // W8's second and third
    [InlineData(16, 14, 14, 32, 3, 1)]  // W8's fourth: 32-filter tiles of 14 pixels
    [InlineData(32, 14, 14, 32, 3, 1)]  // W8's fifth and sixth
    [InlineData(3, 28, 28, 32, 3, 1)]   // three channels (a constant stride), 32 filters on 28-wide rows: 16-filter tiles
    [InlineData(16, 7, 7, 48, 3, 1)]    // 48 filters: three 16-filter tiles of 7 pixels
    [InlineData(32, 7, 7, 32, 3, 0)]    // no padding: rows of 5, border 0
    [InlineData(3, 13, 11, 16, 5, 2)]   // a 5 × 5 window, padding 2, odd sizes
    [InlineData(16, 9, 31, 32, 3, 1)]   // rows of 31: two 16-pixel tiles, the second overlapping
    [InlineData(5, 6, 40, 16, 3, 0)]    // five channels (a stride given at run time), rows of 38: two tiles of 19
    [InlineData(1, 5, 5, 16, 3, 0)]     // rows of 3, three rows: a band a row on three threads
    [InlineData(64, 4, 4, 16, 3, 1)]    // 64 channels
    [InlineData(8, 10, 10, 32, 1, 0)]   // a 1 × 1 window
    [InlineData(2, 3, 9, 16, 3, 1)]     // three rows of 9
    [InlineData(16, 2, 30, 16, 3, 2)]   // padding 2 with a 3 × 3 window: a wider output than input, two rows
    public void Convolution_gives_the_bits_of_the_direct_convolution(int channels, int height, int width, int filters, int kernel, int padding)
    {
        var random = new SeededRandom(channels * 1000 + width * 10 + filters);
        var shape = new ConvolutionShape(channels, height, width, filters, kernel, padding: padding);
        var planes = ConvolutionTests.Random(random, shape.InLength);
        var weights = ConvolutionTests.Random(random, filters * shape.Window);
        var bias = ConvolutionTests.Random(random, filters);
        var input = ToChannelsLast(planes, channels, height, width, padding);
        int length = ChannelsLast.Length(filters, shape.OutH, shape.OutW, padding);
        var residualPlanes = ConvolutionTests.Random(random, shape.OutLength);
        var residual = ToChannelsLast(residualPlanes, filters, shape.OutH, shape.OutW, padding);
        var convolution = new float[shape.OutLength];
        DirectConvolution.Forward(planes, weights, bias, convolution, shape);
        foreach (bool rectify in new[] { false, true })
        {
            var expected = new float[shape.OutLength];
            DirectConvolution.Forward(planes, weights, bias, expected, shape, rectify);
            var summed = new float[shape.OutLength];
            if (rectify)
            {
                Merging.AddReLU(convolution, residualPlanes, default, summed);
            }
            else
            {
                Merging.Add(convolution, residualPlanes, summed);
            }

            foreach (var path in KernelPaths.Available())
            {
                using var forced = Simd.Force(path);
                foreach (int threads in s_threadCounts)
                {
                    using var count = KernelPaths.PredictThreads(threads);
                    string what = $"{path}, {threads} threads, rectify {rectify}";
                    var y = Guarded(length);
                    ChannelsLast.Convolve(input, weights, bias, Inside(y, length), shape, rectify, split: true);
                    AssertImage(expected, y, filters, shape.OutH, shape.OutW, padding, what);
                    var fromPlanes = Guarded(length);
                    ChannelsLast.ConvolvePlanes(planes, weights, bias, Inside(fromPlanes, length), shape, rectify, split: true);
                    AssertImage(expected, fromPlanes, filters, shape.OutH, shape.OutW, padding, what + ", planar input");
                    var withResidual = Guarded(length);
                    ChannelsLast.Convolve(input, weights, bias, Inside(withResidual, length), shape, rectify, split: true, residual);
                    AssertImage(summed, withResidual, filters, shape.OutH, shape.OutW, padding, what + ", residual added");
                }
            }
        }
    }

    [Fact]
    public void Convolution_without_split_runs_one_band()
    {
        var random = new SeededRandom(5);
        var shape = new ConvolutionShape(16, 14, 14, 32, 3, padding: 1);
        var planes = ConvolutionTests.Random(random, shape.InLength);
        var weights = ConvolutionTests.Random(random, 32 * shape.Window);
        var bias = ConvolutionTests.Random(random, 32);
        var expected = new float[shape.OutLength];
        DirectConvolution.Forward(planes, weights, bias, expected, shape, rectify: true);
        int length = ChannelsLast.Length(32, 14, 14, 1);
        using var count = KernelPaths.PredictThreads(2);
        var y = Guarded(length);
        ChannelsLast.Convolve(ToChannelsLast(planes, 16, 14, 14, 1), weights, bias, Inside(y, length), shape, rectify: true);
        AssertImage(expected, y, 32, 14, 14, 1, "one band");
    }

    [Fact]
    public void Convolution_refuses_other_shapes_and_lengths()
    {
        var strided = new ConvolutionShape(16, 8, 8, 16, 3, stride: 2, padding: 1);
        var error = Assert.Throws<ArgumentException>(() => ChannelsLast.Convolve(new float[1600], new float[16 * 144], new float[16], new float[16 * 36], strided));
        Assert.Equal("shape", error.ParamName);

        var eight = new ConvolutionShape(16, 8, 8, 8, 3, padding: 1);
        error = Assert.Throws<ArgumentException>(() => ChannelsLast.Convolve(new float[1600], new float[8 * 144], new float[8], new float[800], eight));
        Assert.Equal("shape", error.ParamName);
        Assert.Contains("16", error.Message);

        var shape = new ConvolutionShape(16, 8, 8, 16, 3, padding: 1);
        error = Assert.Throws<ArgumentException>(() => ChannelsLast.Convolve(new float[16 * 64], new float[16 * 144], new float[16], new float[1600], shape));
        Assert.Equal("x", error.ParamName);
        error = Assert.Throws<ArgumentException>(() => ChannelsLast.ConvolvePlanes(new float[1600], new float[16 * 144], new float[16], new float[1600], shape));
        Assert.Equal("x", error.ParamName);
        error = Assert.Throws<ArgumentException>(() => ChannelsLast.Convolve(new float[1600], new float[16 * 144], new float[16], new float[16 * 64], shape));
        Assert.Equal("y", error.ParamName);
        error = Assert.Throws<ArgumentException>(() => ChannelsLast.Convolve(new float[1600], new float[16 * 9], new float[16], new float[1600], shape));
        Assert.Equal("weights", error.ParamName);
        error = Assert.Throws<ArgumentException>(() => ChannelsLast.Convolve(new float[1600], new float[16 * 144], new float[16], new float[1600], shape, residual: new float[1599]));
        Assert.Equal("residual", error.ParamName);
        var image = new float[1600];
        error = Assert.Throws<ArgumentException>(() => ChannelsLast.Convolve(new float[1600], new float[16 * 144], new float[16], image, shape, residual: image));
        Assert.Equal("residual", error.ParamName);
    }

    [Fact]
    public void Length_counts_the_border()
    {
        Assert.Equal(30 * 30 * 16, ChannelsLast.Length(16, 28, 28, 1));
        Assert.Equal(7 * 9 * 3, ChannelsLast.Length(3, 3, 5, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => ChannelsLast.Length(16, 28, 28, -1));
    }

    [Theory]
    [InlineData(16, 28, 28, 1)]
    [InlineData(32, 14, 14, 1)]
    [InlineData(5, 7, 9, 2)]
    [InlineData(3, 4, 6, 0)]
    public void Sums_and_products_give_the_bits_of_the_planar_rules(int channels, int height, int width, int border)
    {
        var random = new SeededRandom(channels + height);
        var a = ConvolutionTests.Random(random, channels * height * width);
        var b = ConvolutionTests.Random(random, channels * height * width);
        var sum = new float[a.Length];
        var rectified = new float[a.Length];
        var product = new float[a.Length];
        Merging.Add(a, b, sum);
        Merging.AddReLU(a, b, default, rectified);
        Merging.Multiply(a, b, product);
        var lastA = ToChannelsLast(a, channels, height, width, border);
        var lastB = ToChannelsLast(b, channels, height, width, border);
        int length = lastA.Length;
        foreach (var path in KernelPaths.Available())
        {
            using var forced = Simd.Force(path);
            foreach (int threads in s_threadCounts)
            {
                using var count = KernelPaths.PredictThreads(threads);
                string what = $"{path}, {threads} threads";
                var y = Guarded(length);
                ChannelsLast.Add(lastA, lastB, Inside(y, length), height, border, split: true);
                AssertImage(sum, y, channels, height, width, border, what + ", sum");
                y = Guarded(length);
                ChannelsLast.Add(lastA, lastB, Inside(y, length), height, border, rectify: true, split: true);
                AssertImage(rectified, y, channels, height, width, border, what + ", rectified sum");
                y = Guarded(length);
                ChannelsLast.Multiply(lastA, lastB, Inside(y, length), height, border, split: true);
                AssertImage(product, y, channels, height, width, border, what + ", product");

                var inPlace = (float[])lastA.Clone();
                ChannelsLast.Add(inPlace, lastB, inPlace, height, border, rectify: true, split: true);
                Bits.AssertSame(ToChannelsLast(rectified, channels, height, width, border), inPlace, what + ", in place");
            }
        }
    }

    [Fact]
    public void Sums_refuse_images_of_other_heights()
    {
        var error = Assert.Throws<ArgumentException>(() => ChannelsLast.Add(new float[50], new float[50], new float[50], 4, 1));
        Assert.Equal("a", error.ParamName);
        error = Assert.Throws<ArgumentException>(() => ChannelsLast.Multiply(new float[60], new float[50], new float[60], 4, 1));
        Assert.Equal("b", error.ParamName);
    }

    [Theory]
    [InlineData(16, 28, 28, 2, 2, 1)]   // W8's pooling
    [InlineData(32, 14, 14, 2, 2, 1)]
    [InlineData(24, 7, 7, 2, 2, 2)]     // a vector of 16 and one of 8 a pixel; an odd row and column left out
    [InlineData(20, 8, 9, 3, 1, 1)]     // overlapping windows; 16 channels a vector and four one by one
    [InlineData(5, 9, 11, 3, 2, 0)]     // no border
    public void Max_pooling_gives_the_bits_of_the_planar_pooling(int channels, int height, int width, int size, int stride, int border)
    {
        var random = new SeededRandom(channels * 7 + size);
        var planes = ConvolutionTests.Random(random, channels * height * width);
        for (int i = 0; i < planes.Length; i += 5)
        {
            planes[i] = MathF.Round(planes[i] * 2f) / 2f; // ties, -0 against +0 among them
        }

        int outH = (height - size) / stride + 1, outW = (width - size) / stride + 1;
        var expected = new float[channels * outH * outW];
        Pooling.Max(planes, expected, channels, height, width, size, stride);
        var input = ToChannelsLast(planes, channels, height, width, border);
        int length = ChannelsLast.Length(channels, outH, outW, border);
        foreach (var path in KernelPaths.Available())
        {
            using var forced = Simd.Force(path);
            foreach (int threads in s_threadCounts)
            {
                using var count = KernelPaths.PredictThreads(threads);
                var y = Guarded(length);
                ChannelsLast.MaxPool(input, Inside(y, length), channels, height, width, size, stride, border, split: true);
                AssertImage(expected, y, channels, outH, outW, border, $"{path}, {threads} threads");
            }
        }
    }

    [Theory]
    [InlineData(32, 14, 14, 1)]
    [InlineData(20, 7, 7, 2)]
    [InlineData(3, 5, 4, 0)]
    public void Global_average_sums_pixel_by_pixel_on_every_path(int channels, int height, int width, int border)
    {
        var random = new SeededRandom(channels * 3 + height);
        var planes = ConvolutionTests.Random(random, channels * height * width);
        var expected = new float[channels];
        float scale = 1f / (height * width);
        for (int c = 0; c < channels; c++)
        {
            float sum = 0f;
            for (int p = 0; p < height * width; p++)
            {
                sum += planes[c * height * width + p];
            }

            expected[c] = sum * scale;
        }

        var planar = new float[channels];
        Pooling.GlobalAverage(planes, planar, channels, height * width);
        ConvolutionTests.AssertClose(planar, expected, 1e-5f);
        var input = ToChannelsLast(planes, channels, height, width, border);
        foreach (var path in KernelPaths.Available())
        {
            using var forced = Simd.Force(path);
            var y = new float[channels];
            ChannelsLast.GlobalAverage(input, y, channels, height, width, border);
            Bits.AssertSame(expected, y, path.ToString());
        }
    }

    [Fact]
    public void Bands_own_every_padded_row_once()
    {
        foreach (int rows in new[] { 1, 7, 14, 28 })
        {
            foreach (int border in new[] { 0, 1, 2 })
            {
                for (int parts = 1; parts <= Math.Min(rows, 5); parts++)
                {
                    int next = 0;
                    for (int part = 0; part < parts; part++)
                    {
                        var (first, end) = ChannelsLast.OwnedRows(rows, border, part, parts);
                        var band = ChannelsLast.Band(rows, part, parts);
                        Assert.Equal(next, first);
                        Assert.True(end > first);
                        Assert.Equal(part == parts - 1 ? rows + 2 * border : band.End + border, end);
                        next = end;
                    }

                    Assert.Equal(rows + 2 * border, next);
                }
            }
        }
    }

    /// <summary>A planar image <c>[C × H × W]</c> copied channels-last with a zero border.</summary>
    internal static float[] ToChannelsLast(float[] planes, int channels, int height, int width, int border)
    {
        int paddedWidth = width + 2 * border;
        var image = new float[(height + 2 * border) * paddedWidth * channels];
        for (int c = 0; c < channels; c++)
        {
            for (int i = 0; i < height; i++)
            {
                for (int j = 0; j < width; j++)
                {
                    image[((i + border) * paddedWidth + j + border) * channels + c] = planes[(c * height + i) * width + j];
                }
            }
        }

        return image;
    }

    /// <summary>Garbage (<see cref="Bits.Unwritten"/>) for an output of <paramref name="length"/> floats and a guard on each side.</summary>
    private static float[] Guarded(int length) => Bits.Garbage(length + 2 * Guard);

    private static Span<float> Inside(float[] guarded, int length) => guarded.AsSpan(Guard, length);

    /// <summary>
    /// Checks a channels-last output written between guards: the guards untouched, every border float +0, and the
    /// inside with the bits of the planar <paramref name="expected"/>.
    /// </summary>
    private static void AssertImage(float[] expected, float[] guarded, int channels, int height, int width, int border, string what)
    {
        int paddedWidth = width + 2 * border, length = (height + 2 * border) * paddedWidth * channels;
        Assert.Equal(guarded.Length, length + 2 * Guard);
        Assert.True(guarded.Take(Guard).Concat(guarded.Skip(Guard + length)).All(v => v == Bits.Unwritten), $"{what}: a float outside the output was written.");
        var inside = new float[expected.Length];
        for (int r = 0; r < height + 2 * border; r++)
        {
            for (int q = 0; q < paddedWidth; q++)
            {
                for (int c = 0; c < channels; c++)
                {
                    float value = guarded[Guard + (r * paddedWidth + q) * channels + c];
                    int i = r - border, j = q - border;
                    if (i < 0 || i >= height || j < 0 || j >= width)
                    {
                        Assert.True(BitConverter.SingleToInt32Bits(value) == 0, $"{what}: border pixel ({r}, {q}) channel {c} holds {value}.");
                    }
                    else
                    {
                        inside[(c * height + i) * width + j] = value;
                    }
                }
            }
        }

        Bits.AssertSame(expected, inside, what);
    }
}
