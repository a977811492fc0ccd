using System;
using System.Linq;
using Butterfly.Kernels;

namespace Butterfly.Runtime.Tests.Kernels;

/// <summary>
/// <see cref="ZeroPadding"/> on every vector path: a band of the padded copy holds exactly the input's bits and zeros
/// (checked against the definition, element by element), and nothing around the band is written. The 256-bit path
/// stores whole vectors that run past a row's end into the next row, so the band's last vector is the one to watch.
/// </summary>
[Collection(KernelSettingsCollection.Name)]
public sealed unsafe class ZeroPaddingTests
{
    /// <summary>Floats checked on each side of the band: more than a 512-bit vector.</summary>
    private const int Guard = 24;

    public static TheoryData<string> Paths => KernelPaths.All();

    [Theory]
    [MemberData(nameof(Paths))]
    public void Every_band_holds_the_input_and_zeros_and_nothing_around_it_is_written(string name)
    {
        var path = KernelPaths.Parse(name);
        if (path > Simd.Best)
        {
            return;
        }

        using var forced = Simd.Force(path);
        var random = new SeededRandom(17);
        int checkedBands = 0;
        foreach (int channels in Enumerable.Range(1, 5))
        {
            foreach (int height in new[] { 1, 2, 3, 5 })
            {
                foreach (int width in Enumerable.Range(1, 33))
                {
                    foreach (int padding in Enumerable.Range(0, 4))
                    {
                        // Exactly the input's length: a read outside it would meet other data, or fault.
                        var x = ConvolutionTests.Random(random, channels * height * width);
                        int paddedHeight = height + 2 * padding;
                        for (int first = 0; first < paddedHeight; first++)
                        {
                            for (int rows = 1; first + rows <= paddedHeight; rows++)
                            {
                                CheckBand(x, channels, height, width, padding, first, rows);
                                checkedBands++;
                            }
                        }
                    }
                }
            }
        }

        Assert.True(checkedBands > 10_000, $"{checkedBands} bands checked");
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Pad_is_the_band_of_every_row(string name)
    {
        var path = KernelPaths.Parse(name);
        if (path > Simd.Best)
        {
            return;
        }

        using var forced = Simd.Force(path);
        var random = new SeededRandom(29);
        foreach (var (channels, height, width, padding) in new[] { (16, 28, 28, 1), (16, 14, 14, 1), (3, 32, 32, 2), (1, 9, 7, 3), (2, 1, 1, 0) })
        {
            var x = ConvolutionTests.Random(random, channels * height * width);
            int length = channels * (height + 2 * padding) * (width + 2 * padding);
            var padded = Bits.Garbage(Guard + length + Guard);
            fixed (float* px = x, pp = padded)
            {
                ZeroPadding.Pad(px, pp + Guard, channels, height, width, padding);
            }

            AssertBand(x, padded, channels, height, width, padding, 0, height + 2 * padding, $"{path} Pad {channels}×{height}×{width} p{padding}");
        }
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Crop_takes_back_what_pad_put_in(string name)
    {
        var path = KernelPaths.Parse(name);
        if (path > Simd.Best)
        {
            return;
        }

        using var forced = Simd.Force(path);
        var random = new SeededRandom(31);
        foreach (var (channels, height, width, padding) in new[] { (4, 6, 9, 1), (1, 3, 17, 2), (2, 5, 1, 3) })
        {
            var x = ConvolutionTests.Random(random, channels * height * width);
            var padded = new float[channels * (height + 2 * padding) * (width + 2 * padding)];
            var back = Bits.Garbage(x.Length);
            fixed (float* px = x, pp = padded, pb = back)
            {
                ZeroPadding.Pad(px, pp, channels, height, width, padding);
                ZeroPadding.Crop(pp, pb, channels, height, width, padding);
            }

            Bits.AssertSame(x, back, $"{path} crop of pad {channels}×{height}×{width} p{padding}");
        }
    }

    private static void CheckBand(float[] x, int channels, int height, int width, int padding, int first, int rows)
    {
        int length = channels * rows * (width + 2 * padding);
        var band = Bits.Garbage(Guard + length + Guard);
        fixed (float* px = x, pb = band)
        {
            ZeroPadding.PadRows(px, pb + Guard, channels, height, width, padding, first, rows);
        }

        AssertBand(x, band, channels, height, width, padding, first, rows, $"{Simd.Path} {channels}×{height}×{width} p{padding} rows {first}+{rows}");
    }

    /// <summary>
    /// <c>band[Guard + (c·rows + r)·(W + 2p) + j]</c> is <c>x[c, first + r - p, j - p]</c> inside the input and +0
    /// outside it, bit for bit, and the guards on both sides still hold <see cref="Bits.Unwritten"/>.
    /// </summary>
    private static void AssertBand(float[] x, float[] band, int channels, int height, int width, int padding, int first, int rows, string what)
    {
        int paddedWidth = width + 2 * padding;
        var expected = Bits.Garbage(band.Length);
        for (int c = 0; c < channels; c++)
        {
            for (int r = 0; r < rows; r++)
            {
                for (int j = 0; j < paddedWidth; j++)
                {
                    int i = first + r - padding, column = j - padding;
                    bool inside = i >= 0 && i < height && column >= 0 && column < width;
                    expected[Guard + (c * rows + r) * paddedWidth + j] = inside ? x[(c * height + i) * width + column] : 0f;
                }
            }
        }

        Bits.AssertSame(expected, band, what);
    }
}
