using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Butterfly.Kernels;

/// <summary>
/// <see cref="DirectWeightGradient"/> for inputs whose channel count is a multiple of eight: the samples are first
/// copied channels-last, <c>x̂[n, r, s, c] = x[n, c, r, s]</c>, so that eight channels of one input pixel are one vector
/// (sixteen on the 512-bit path, where the channel count is a multiple of sixteen), and then
/// <c>dW[f, c .. c + L, u, v] = Σ_n Σ_i Σ_j dy[n, f, i, j] · x̂[n, i + u, j + v, c .. c + L]</c> takes one
/// broadcast per three fused multiply-adds. A block of four filters and three taps keeps twelve such sums in
/// registers over every (n, i, j), so the loop is long whatever the output width, and no lanes are summed at the end.
/// </summary>
/// <remarks>
/// Each weight's sum runs over (n, i, j) in order in its own lane, the same whoever calls it and on either path, so the
/// two paths give the same bits.
/// </remarks>
internal static unsafe class ChannelsLastWeightGradient
{
    /// <summary>Channels per vector on the 256-bit path.</summary>
    public const int Lanes = 8;

    /// <summary>Channels per vector on the 512-bit path.</summary>
    private const int WideLanes = 16;

    private const int FilterBlock = 4;

    private const int TapBlock = 3;

    [ThreadStatic]
    private static float[]? t_samples;

    /// <summary>Whether this kernel takes the shape: channels a multiple of eight, AVX2 on.</summary>
    public static bool Takes(ConvolutionShape shape) =>
        shape.Channels % Lanes == 0 && Simd.Path >= SimdPath.Vector256 && Vector256.IsHardwareAccelerated;

    /// <summary>
    /// Overwrites <paramref name="dWeights"/> with <c>Σ_n dy[n] ⋆ x[n]</c> over <paramref name="samples"/> samples;
    /// <paramref name="shape"/> is the unpadded convolution over the samples with <paramref name="padding"/> zeros on every
    /// side, which the channels-last copy adds (<paramref name="x"/> holds the samples without them).
    /// </summary>
    public static void Compute(float* x, float* dy, float* dWeights, int samples, ConvolutionShape shape, int padding)
    {
        int height = shape.Height - 2 * padding, width = shape.Width - 2 * padding, inLength = shape.Channels * height * width;
        var buffer = ThreadBuffer.Get(ref t_samples, samples * shape.InLength);
        fixed (float* transposed = buffer)
        {
            for (int n = 0; n < samples; n++)
            {
                ChannelsLastSamples.Write(x + (nint)n * inLength, transposed + (nint)n * shape.InLength, shape.Channels, height, width, padding);
            }

            int taps = shape.Kernel * shape.Kernel;
            bool wide = Simd.Path == SimdPath.Vector512 && shape.Channels % WideLanes == 0;
            for (int f = 0; f < shape.Filters; f += FilterBlock)
            {
                for (int c = 0; c < shape.Channels; c += wide ? WideLanes : Lanes)
                {
                    for (int tap = 0; tap < taps; tap += TapBlock)
                    {
                        if (wide)
                        {
                            var sums = default(WeightGradientSums<Vector512<float>>);
                            Rows512(transposed, dy + f * shape.Pixels, Block(shape, f, c, tap), samples, shape, ref sums);
                            Store(ref sums, WideLanes, dWeights, shape, f, c, tap);
                        }
                        else
                        {
                            var sums = default(WeightGradientSums<Vector256<float>>);
                            Rows(transposed, dy + f * shape.Pixels, Block(shape, f, c, tap), samples, shape, ref sums);
                            Store(ref sums, Lanes, dWeights, shape, f, c, tap);
                        }
                    }
                }
            }
        }
    }

    /// <summary>
    /// Where the block of filters [<paramref name="filter"/>, + 4) × channels from <paramref name="channel"/> × window
    /// taps [<paramref name="tap"/>, + 3) (of the K·K) reads; a block reaching past the last filter or tap repeats the last
    /// one, and <see cref="Store"/> leaves the copy unstored.
    /// </summary>
    private static Steps Block(ConvolutionShape shape, int filter, int channel, int tap)
    {
        int taps = shape.Kernel * shape.Kernel, pixels = shape.Pixels, lastFilter = shape.Filters - 1;
        int first = PixelOffset(shape, tap), second = PixelOffset(shape, Math.Min(tap + 1, taps - 1)), third = PixelOffset(shape, Math.Min(tap + 2, taps - 1));
        return new Steps(
            first * shape.Channels + channel,
            (second - first) * shape.Channels,
            (third - first) * shape.Channels,
            (Math.Min(filter + 1, lastFilter) - filter) * pixels,
            (Math.Min(filter + 2, lastFilter) - filter) * pixels,
            (Math.Min(filter + 3, lastFilter) - filter) * pixels);
    }

    /// <summary>Stores a block's sums, <paramref name="lanes"/> channels each, to their weights: <c>dW[f, c, u, v]</c>.</summary>
    private static void Store<TVector>(ref WeightGradientSums<TVector> sums, int lanes, float* dWeights, ConvolutionShape shape, int filter, int channel, int tap)
        where TVector : struct
    {
        int taps = shape.Kernel * shape.Kernel;
        for (int k = 0; k < FilterBlock && filter + k < shape.Filters; k++)
        {
            for (int t = 0; t < TapBlock && tap + t < taps; t++)
            {
                float* to = dWeights + ((filter + k) * shape.Channels + channel) * taps + tap + t;
                for (int lane = 0; lane < lanes; lane++)
                {
                    to[lane * taps] = sums.Lane(k * TapBlock + t, lane);
                }
            }
        }
    }

    /// <summary>Window tap (u, v) reads input pixel (i + u, j + v): u W + v pixels on from output pixel (i, j)'s.</summary>
    private static int PixelOffset(ConvolutionShape shape, int tap) => tap / shape.Kernel * shape.Width + tap % shape.Kernel;

    /// <summary>
    /// The block's twelve sums over every (n, i, j): four broadcast output gradients meet the three taps' channel
    /// vectors. Kept small so that the sums stay in registers.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Rows(float* x, float* dy, Steps steps, int samples, ConvolutionShape shape, ref WeightGradientSums<Vector256<float>> sums)
    {
        nint second = steps.Tap, third = steps.Tap2, d1 = steps.Filter1, d2 = steps.Filter2, d3 = steps.Filter3;
        int outH = shape.OutH, outW = shape.OutW, channels = shape.Channels, rowStep = shape.Width * channels;
        Vector256<float> s00 = default, s01 = default, s02 = default, s10 = default, s11 = default, s12 = default;
        Vector256<float> s20 = default, s21 = default, s22 = default, s30 = default, s31 = default, s32 = default;
        for (int n = 0; n < samples; n++)
        {
            float* row = x + (nint)n * shape.InLength + steps.First;
            float* gradient = dy + (nint)n * shape.OutLength;
            for (int i = 0; i < outH; i++, row += rowStep)
            {
                float* pixel = row;
                for (int j = 0; j < outW; j++, pixel += channels, gradient++)
                {
                    var a = Vector256.Load(pixel);
                    var b = Vector256.Load(pixel + second);
                    var c = Vector256.Load(pixel + third);
                    var g = Vector256.Create(*gradient);
                    s00 = Vector256.FusedMultiplyAdd(g, a, s00);
                    s01 = Vector256.FusedMultiplyAdd(g, b, s01);
                    s02 = Vector256.FusedMultiplyAdd(g, c, s02);
                    g = Vector256.Create(gradient[d1]);
                    s10 = Vector256.FusedMultiplyAdd(g, a, s10);
                    s11 = Vector256.FusedMultiplyAdd(g, b, s11);
                    s12 = Vector256.FusedMultiplyAdd(g, c, s12);
                    g = Vector256.Create(gradient[d2]);
                    s20 = Vector256.FusedMultiplyAdd(g, a, s20);
                    s21 = Vector256.FusedMultiplyAdd(g, b, s21);
                    s22 = Vector256.FusedMultiplyAdd(g, c, s22);
                    g = Vector256.Create(gradient[d3]);
                    s30 = Vector256.FusedMultiplyAdd(g, a, s30);
                    s31 = Vector256.FusedMultiplyAdd(g, b, s31);
                    s32 = Vector256.FusedMultiplyAdd(g, c, s32);
                }
            }
        }

        (sums[0], sums[1], sums[2], sums[3], sums[4], sums[5]) = (s00, s01, s02, s10, s11, s12);
        (sums[6], sums[7], sums[8], sums[9], sums[10], sums[11]) = (s20, s21, s22, s30, s31, s32);
    }

    /// <summary><see cref="Rows"/> with sixteen channels a vector.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Rows512(float* x, float* dy, Steps steps, int samples, ConvolutionShape shape, ref WeightGradientSums<Vector512<float>> sums)
    {
        nint second = steps.Tap, third = steps.Tap2, d1 = steps.Filter1, d2 = steps.Filter2, d3 = steps.Filter3;
        int outH = shape.OutH, outW = shape.OutW, channels = shape.Channels, rowStep = shape.Width * channels;
        Vector512<float> s00 = default, s01 = default, s02 = default, s10 = default, s11 = default, s12 = default;
        Vector512<float> s20 = default, s21 = default, s22 = default, s30 = default, s31 = default, s32 = default;
        for (int n = 0; n < samples; n++)
        {
            float* row = x + (nint)n * shape.InLength + steps.First;
            float* gradient = dy + (nint)n * shape.OutLength;
            for (int i = 0; i < outH; i++, row += rowStep)
            {
                float* pixel = row;
                for (int j = 0; j < outW; j++, pixel += channels, gradient++)
                {
                    var a = Vector512.Load(pixel);
                    var b = Vector512.Load(pixel + second);
                    var c = Vector512.Load(pixel + third);
                    var g = Vector512.Create(*gradient);
                    s00 = Vector512.FusedMultiplyAdd(g, a, s00);
                    s01 = Vector512.FusedMultiplyAdd(g, b, s01);
                    s02 = Vector512.FusedMultiplyAdd(g, c, s02);
                    g = Vector512.Create(gradient[d1]);
                    s10 = Vector512.FusedMultiplyAdd(g, a, s10);
                    s11 = Vector512.FusedMultiplyAdd(g, b, s11);
                    s12 = Vector512.FusedMultiplyAdd(g, c, s12);
                    g = Vector512.Create(gradient[d2]);
                    s20 = Vector512.FusedMultiplyAdd(g, a, s20);
                    s21 = Vector512.FusedMultiplyAdd(g, b, s21);
                    s22 = Vector512.FusedMultiplyAdd(g, c, s22);
                    g = Vector512.Create(gradient[d3]);
                    s30 = Vector512.FusedMultiplyAdd(g, a, s30);
                    s31 = Vector512.FusedMultiplyAdd(g, b, s31);
                    s32 = Vector512.FusedMultiplyAdd(g, c, s32);
                }
            }
        }

        (sums[0], sums[1], sums[2], sums[3], sums[4], sums[5]) = (s00, s01, s02, s10, s11, s12);
        (sums[6], sums[7], sums[8], sums[9], sums[10], sums[11]) = (s20, s21, s22, s30, s31, s32);
    }

    /// <summary>
    /// Where a block's first tap starts reading a channels-last sample, the offsets on to its second and third taps, and
    /// from its first filter's output gradient to the others'.
    /// </summary>
    private readonly record struct Steps(nint First, nint Tap, nint Tap2, nint Filter1, nint Filter2, nint Filter3);
}
