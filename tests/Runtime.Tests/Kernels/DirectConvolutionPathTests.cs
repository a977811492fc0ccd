using System;
using System.Linq;
using Butterfly.Kernels;

namespace Butterfly.Runtime.Tests.Kernels;

/// <summary>
/// The direct convolution on every vector path the processor has (512-bit tiles, 256-bit tiles, the portable loops)
/// gives the same bits: each output is summed in the formula's order with fused multiply-adds on all of them.
/// </summary>
[Collection(KernelSettingsCollection.Name)]
public sealed class DirectConvolutionPathTests
{
    // The comments give the 512-bit tiles: each filter's plane read as a run of (OH - 1) W + OW positions, W the padded
    // width, in n vectors of 16, as ⌈n / 6⌉ tiles of ⌈n / ⌈n / 6⌉⌉ vectors and a last tile of the rest.
    [Theory]
    [InlineData(1, 28, 28, 16, 3, 1)]   // W8's first layer: a run of 838, 53 vectors: eight tiles of six, one of five
    [InlineData(16, 28, 28, 16, 3, 1)]  // W8's second and third: tiles across 16 filters, two of 14 outputs a row
    [InlineData(16, 14, 14, 32, 3, 1)]  // W8's fourth: one tile of 14 outputs a row across 32 filters
    [InlineData(32, 14, 14, 32, 3, 1)]
    [InlineData(1, 28, 28, 8, 5, 0)]    // W6's first: rows of 24 in 28, 42 vectors: seven tiles of six
    [InlineData(8, 12, 12, 16, 5, 0)]   // W6's second: rows of 8 in 12, a vector holding parts of three rows; one tile of six
    [InlineData(3, 8, 10, 5, 3, 0)]     // one tile of four, filters overlapping
    [InlineData(3, 12, 14, 6, 3, 0)]    // rows of 12, 9 vectors: five and four
    [InlineData(2, 11, 13, 6, 3, 2)]    // rows of 15 in 17, padding 2: 5, 5, 4
    [InlineData(5, 9, 37, 7, 3, 1)]     // rows of 37 in 39, 22 vectors: 6, 6, 6, 4
    [InlineData(2, 5, 40, 4, 2, 0)]     // rows of 39 in 40: 10 vectors, two tiles of five
    [InlineData(3, 4, 5, 4, 3, 0)]      // a run of 8, shorter than a vector: it reads past the input, into the copy's slack
    [InlineData(2, 2, 9, 4, 3, 1)]      // a run of 20: one tile of two, the second vector overlapping the first
    [InlineData(2, 4, 18, 4, 3, 0)]     // rows of exactly 16 in 18, two of them: 3 vectors, the last at row 1's start
    [InlineData(1, 3, 16, 4, 1, 0)]     // a 1 × 1 window, rows of 16 with nothing unstored: a run of 48, three whole vectors
    [InlineData(2, 6, 17, 5, 3, 1)]     // rows of 17, one past a vector, in 19: 7 vectors, four and three
    [InlineData(1, 9, 9, 4, 3, 2)]      // 1 channel, padding 2: rows of 11 in 13, 9 vectors
    [InlineData(1, 24, 22, 4, 3, 0)]    // 31 vectors: five tiles of six and a last of one
    [InlineData(3, 7, 6, 2, 3, 0)]      // fewer filters than a tile: the per-filter loops everywhere
    [InlineData(4, 9, 20, 48, 3, 1)]    // tiles across 16 filters, a window row at a time: rows of 20, two tiles of 10
    [InlineData(4, 5, 17, 16, 3, 0)]    // rows of 15: two tiles of 8 across 16 filters, the second overlapping
    [InlineData(16, 7, 30, 16, 3, 1)]   // rows of 30: three tiles of 10
    [InlineData(5, 8, 9, 32, 5, 2)]     // tiles across 32 filters with a 5×5 window, rows of 9
    [InlineData(6, 4, 9, 64, 2, 1)]     // two pairs of filter vectors, a 2×2 window, rows of 10
    [InlineData(4, 6, 7, 32, 3, 0)]     // rows of 5, too short for tiles across filters: the row tiles
    [InlineData(1, 9, 12, 32, 3, 1)]    // one channel: tiles across 32 filters all the same
    [InlineData(2, 6, 20, 16, 3, 0)]    // two channels, 16 filters: too few taps for tiles across filters, the run tiles
    public void Every_path_gives_the_bits_of_the_portable_loops(int channels, int height, int width, int filters, int kernel, int padding)
    {
        var random = new SeededRandom(channels * 1000 + width * 10 + padding);
        var x = ConvolutionTests.Random(random, channels * height * width);
        var w = ConvolutionTests.Random(random, filters * channels * kernel * kernel);
        var b = ConvolutionTests.Random(random, filters);
        int outH = height + 2 * padding - kernel + 1, outW = width + 2 * padding - kernel + 1, length = filters * outH * outW;
        int pooledLength = filters * (outH / 2) * (outW / 2);

        (float[] Y, float[] Rectify, float[] Both, float[] Rectified, float[] Pooled, float[] RectifiedBesidePooled, float[] PooledBesideRectified) Run(SimdPath path)
        {
            using var forced = Simd.Force(path);
            var y = Bits.Garbage(length);
            var rectify = Bits.Garbage(length);
            var both = Bits.Garbage(length);
            var rectified = Bits.Garbage(length);
            var pooled = Bits.Garbage(pooledLength);
            var kept = Bits.Garbage(length);
            var keptPooled = Bits.Garbage(pooledLength);
            DirectConvolution.Forward(x, w, b, y, channels, height, width, filters, kernel, padding: padding);
            DirectConvolution.Forward(x, w, b, rectify, channels, height, width, filters, kernel, rectify: true, padding: padding);
            DirectConvolution.ForwardReLU(x, w, b, channels, height, width, filters, kernel, both, rectified, default, padding);
            DirectConvolution.ForwardReLU(x, w, b, channels, height, width, filters, kernel, default, default, pooled, padding);
            DirectConvolution.ForwardReLU(x, w, b, channels, height, width, filters, kernel, default, kept, keptPooled, padding);
            return (y, rectify, both, rectified, pooled, kept, keptPooled);
        }

        var portable = Run(SimdPath.VectorT);
        Assert.DoesNotContain(Bits.Unwritten, portable.Y);
        Assert.DoesNotContain(Bits.Unwritten, portable.Pooled);
        Assert.Equal(portable.Y.Select(v => MathF.Max(v, 0f)), portable.Rectify);
        foreach (var path in KernelPaths.Available().Where(p => p > SimdPath.VectorT))
        {
            var other = Run(path);
            Bits.AssertSame(portable.Y, other.Y, $"{path} y");
            Bits.AssertSame(portable.Rectify, other.Rectify, $"{path} rectified in place");
            Bits.AssertSame(portable.Y, other.Both, $"{path} y beside its ReLU");
            Bits.AssertSame(portable.Rectify, other.Rectified, $"{path} ReLU beside y");
            Bits.AssertSame(portable.Pooled, other.Pooled, $"{path} pooled");
            Bits.AssertSame(portable.Rectify, other.RectifiedBesidePooled, $"{path} ReLU beside its pooling");
            Bits.AssertSame(portable.Pooled, other.PooledBesideRectified, $"{path} pooled beside the ReLU");
        }
    }

    [Theory]
    [InlineData(16, 28, 28, 16, 3, 1)]  // W8's second layer: bands of 14 rows on two threads, 9 or 10 on three, 5 or 6 on five
    [InlineData(16, 14, 14, 32, 3, 1)]  // its fourth: bands of 7 rows on two threads, 2 or 3 on five (masked 512-bit rows)
    [InlineData(3, 12, 14, 10, 3, 0)]   // no padding, two filters past the last tile: the band's input is a plain copy
    [InlineData(2, 9, 11, 4, 5, 2)]     // 9 rows: at most 4 bands of at least a tile's two rows
    [InlineData(2, 3, 11, 4, 3, 1)]     // 3 rows: one band, nothing to share
    [InlineData(2, 13, 17, 5, 3, 1)]    // rows of 17: each band's run cut into tiles of its own
    public void Sharing_the_rows_among_threads_changes_no_bit(int channels, int height, int width, int filters, int kernel, int padding)
    {
        var random = new SeededRandom(channels * 31 + filters);
        var x = ConvolutionTests.Random(random, channels * height * width);
        var w = ConvolutionTests.Random(random, filters * channels * kernel * kernel);
        var b = ConvolutionTests.Random(random, filters);
        var shape = new ConvolutionShape(channels, height, width, filters, kernel, padding: padding);
        var whole = Bits.Garbage(shape.OutLength);
        DirectConvolution.Forward(x, w, b, whole, shape, rectify: true);
        Assert.DoesNotContain(Bits.Unwritten, whole);
        foreach (var path in KernelPaths.Available())
        {
            using var forced = Simd.Force(path);
            foreach (int threads in new[] { 1, 2, 3, 5 })
            {
                using var count = KernelPaths.PredictThreads(threads);
                var shared = Bits.Garbage(shape.OutLength);
                DirectConvolution.Forward(x, w, b, shared, shape, rectify: true, split: true);
                Bits.AssertSame(whole, shared, $"{path}, {threads} threads");
            }
        }
    }

    /// <summary>
    /// Backward on every path against the nested loops: on the 512-bit path a direct convolution's <c>dx</c> is the
    /// forward convolution of <c>dy</c> with the flipped filters; on the others, <see cref="DirectInputGradient"/>.
    /// </summary>
    [Theory]
    [InlineData(3, 16, 28, 28, 16, 3, 1, 1, 1)] // W8's first block
    [InlineData(2, 32, 14, 14, 32, 3, 1, 1, 1)] // its second
    [InlineData(2, 5, 9, 11, 6, 5, 1, 2, 1)]    // padding 2 around a 5×5 window: dy padded by 2 for dx
    [InlineData(2, 4, 9, 8, 5, 3, 1, 0, 1)]     // no padding: the full convolution, dy padded by 2
    [InlineData(2, 6, 7, 6, 3, 3, 1, 2, 1)]     // padding K - 1: dy not padded at all
    [InlineData(2, 3, 9, 11, 5, 5, 1, 2, 1)]    // fewer channels than a tile: DirectInputGradient or folding everywhere
    public void Backward_matches_the_nested_loops_on_every_path(
        int batch, int channels, int height, int width, int filters, int kernel, int stride, int padding, int chunk)
    {
        foreach (var path in KernelPaths.Available())
        {
            using var forced = Simd.Force(path);
            new ConvolutionTests().Forward_and_backward_match_the_nested_loops(batch, channels, height, width, filters, kernel, stride, padding, chunk);
        }
    }

    [Fact]
    public void A_shape_with_a_stride_is_refused()
    {
        var shape = new ConvolutionShape(1, 6, 6, 4, 3, stride: 2);
        var error = Assert.Throws<ArgumentException>(() => DirectConvolution.Forward(new float[36], new float[36], new float[4], new float[16], shape));
        Assert.Equal("shape", error.ParamName);
    }
}
