using System;
using Butterfly.Kernels;

namespace Butterfly.Runtime.Tests.Kernels;

/// <summary>The channels-last padded copy against its rule, and the weight gradient over it against the padded copies it replaces.</summary>
[Collection(KernelSettingsCollection.Name)]
public sealed unsafe class ChannelsLastSamplesTests
{
    [Theory]
    [InlineData(16, 28, 28, 1)] // W9's second and third layers: three blocks of eight pixels a row and one overlapping
    [InlineData(32, 14, 14, 1)] // its fifth and sixth: a block and one overlapping it in all but two pixels
    [InlineData(8, 8, 8, 0)]    // one block a row, no padding
    [InlineData(24, 5, 9, 2)]   // three channel blocks, a row one pixel past a block, two zeros a side
    [InlineData(16, 3, 7, 1)]   // rows shorter than a block: plain loops
    [InlineData(12, 4, 10, 1)]  // channels not a multiple of eight: plain loops
    [InlineData(8, 1, 1, 3)]
    public void Matches_the_rule(int channels, int height, int width, int padding)
    {
        var random = new SeededRandom(channels * 31 + width);
        var x = ConvolutionTests.Random(random, channels * height * width);
        int paddedHeight = height + 2 * padding, paddedWidth = width + 2 * padding;
        var actual = Bits.Garbage(paddedHeight * paddedWidth * channels);
        fixed (float* px = x, pa = actual)
        {
            ChannelsLastSamples.Write(px, pa, channels, height, width, padding);
        }

        var expected = new float[actual.Length];
        for (int c = 0; c < channels; c++)
        {
            for (int i = 0; i < height; i++)
            {
                for (int j = 0; j < width; j++)
                {
                    expected[((i + padding) * paddedWidth + j + padding) * channels + c] = x[(c * height + i) * width + j];
                }
            }
        }

        Bits.AssertSame(expected, actual, $"x̂ of {channels}×{height}×{width} padded by {padding}");
    }

    [Theory]
    [InlineData(3, 16, 28, 28, 16)] // W9's second layer
    [InlineData(2, 32, 14, 14, 32)] // its fifth
    [InlineData(2, 8, 6, 9, 5)]     // eight channels: the 256-bit kernel on either path
    public void Padding_on_the_way_gives_the_bits_of_padded_copies(int samples, int channels, int height, int width, int filters)
    {
        const int kernel = 3, padding = 1;
        var random = new SeededRandom(samples * 17 + channels);
        int paddedHeight = height + 2 * padding, paddedWidth = width + 2 * padding;
        var x = ConvolutionTests.Random(random, samples * channels * height * width);
        var dy = ConvolutionTests.Random(random, samples * filters * height * width);
        var padded = new float[samples * channels * paddedHeight * paddedWidth];
        for (int n = 0; n < samples; n++)
        {
            for (int c = 0; c < channels; c++)
            {
                for (int i = 0; i < height; i++)
                {
                    x.AsSpan(((n * channels + c) * height + i) * width, width)
                        .CopyTo(padded.AsSpan(((n * channels + c) * paddedHeight + i + padding) * paddedWidth + padding));
                }
            }
        }

        foreach (var path in KernelPaths.Available())
        {
            if (path < SimdPath.Vector256)
            {
                continue; // channels-last needs AVX2
            }

            using var forced = Simd.Force(path);
            var expected = new float[filters * channels * kernel * kernel];
            DirectWeightGradient.Compute(padded, dy, expected, samples, channels, paddedHeight, paddedWidth, filters, kernel);
            var actual = Bits.Garbage(expected.Length);
            fixed (float* px = x, pdy = dy, pw = actual)
            {
                ChannelsLastWeightGradient.Compute(px, pdy, pw, samples, new ConvolutionShape(channels, paddedHeight, paddedWidth, filters, kernel), padding);
            }

            Bits.AssertSame(expected, actual, $"dW on {path}");
        }
    }
}
