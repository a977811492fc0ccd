using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Butterfly.Kernels;

/// <summary>
/// The 256-bit tiles of <see cref="ChannelsLast.Convolve"/>: up to six neighbouring output pixels for sixteen filters,
/// two vectors of eight a pixel, so twelve sums, two weight vectors and a broadcast fill fifteen of AVX2's sixteen
/// registers. Per tap (channels, window rows, window columns) the tile loads the tap's sixteen weights from the
/// tap-major copy and broadcasts one input per pixel, the pixels <c>TStride</c> floats apart (<see cref="Zero"/>: the
/// stride argument); each output is the bias and then one fused multiply-add per tap, the bits of
/// <see cref="DirectConvolution"/>. A tile's <c>x</c> is its first pixel's window: tap <c>t</c> reads
/// <c>x[offsets[t] + k · stride]</c> for pixel <c>k</c>, whose outputs go to <c>y + k · filters</c>; <c>tapMajor</c> and
/// <c>bias</c> start at the tile's first filter.
/// </summary>
internal static unsafe class ChannelsLastTiles256
{
    /// <summary>The most output pixels of a tile.</summary>
    public const int MostPixels = 6;

    /// <summary>Outputs of <c>TPixels</c> neighbouring pixels for 16 filters.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Filters16<TPixels, TStride>(float* x, int stride, float* tapMajor, float* bias, int filters, int taps, int* offsets, float* y, nint toResidual, bool rectify)
        where TPixels : struct, IConstant
        where TStride : struct, IConstant
    {
        int s = TStride.Value == 0 ? stride : TStride.Value;
        var b0 = Vector256.Load(bias);
        var b1 = Vector256.Load(bias + 8);
        Vector256<float> s0 = b0, s1 = b0, s2 = b0, s3 = b0, s4 = b0, s5 = b0;
        Vector256<float> t0 = b1, t1 = b1, t2 = b1, t3 = b1, t4 = b1, t5 = b1;
        for (int tap = 0; tap < taps; tap++)
        {
            float* input = x + offsets[tap];
            float* w = tapMajor + tap * filters;
            var k0 = Vector256.Load(w);
            var k1 = Vector256.Load(w + 8);
            var q0 = Vector256.Create(input[0 * s]);
            s0 = Vector256.FusedMultiplyAdd(k0, q0, s0);
            t0 = Vector256.FusedMultiplyAdd(k1, q0, t0);

            if (TPixels.Value > 1)
            {
                var q1 = Vector256.Create(input[1 * s]);
                s1 = Vector256.FusedMultiplyAdd(k0, q1, s1);
                t1 = Vector256.FusedMultiplyAdd(k1, q1, t1);
            }

            if (TPixels.Value > 2)
            {
                var q2 = Vector256.Create(input[2 * s]);
                s2 = Vector256.FusedMultiplyAdd(k0, q2, s2);
                t2 = Vector256.FusedMultiplyAdd(k1, q2, t2);
            }

            if (TPixels.Value > 3)
            {
                var q3 = Vector256.Create(input[3 * s]);
                s3 = Vector256.FusedMultiplyAdd(k0, q3, s3);
                t3 = Vector256.FusedMultiplyAdd(k1, q3, t3);
            }

            if (TPixels.Value > 4)
            {
                var q4 = Vector256.Create(input[4 * s]);
                s4 = Vector256.FusedMultiplyAdd(k0, q4, s4);
                t4 = Vector256.FusedMultiplyAdd(k1, q4, t4);
            }

            if (TPixels.Value > 5)
            {
                var q5 = Vector256.Create(input[5 * s]);
                s5 = Vector256.FusedMultiplyAdd(k0, q5, s5);
                t5 = Vector256.FusedMultiplyAdd(k1, q5, t5);
            }
        }

        Store(y + 0 * filters, s0, toResidual, rectify);
        Store(y + 0 * filters + 8, t0, toResidual, rectify);

        if (TPixels.Value > 1)
        {
            Store(y + 1 * filters, s1, toResidual, rectify);
            Store(y + 1 * filters + 8, t1, toResidual, rectify);
        }

        if (TPixels.Value > 2)
        {
            Store(y + 2 * filters, s2, toResidual, rectify);
            Store(y + 2 * filters + 8, t2, toResidual, rectify);
        }

        if (TPixels.Value > 3)
        {
            Store(y + 3 * filters, s3, toResidual, rectify);
            Store(y + 3 * filters + 8, t3, toResidual, rectify);
        }

        if (TPixels.Value > 4)
        {
            Store(y + 4 * filters, s4, toResidual, rectify);
            Store(y + 4 * filters + 8, t4, toResidual, rectify);
        }

        if (TPixels.Value > 5)
        {
            Store(y + 5 * filters, s5, toResidual, rectify);
            Store(y + 5 * filters + 8, t5, toResidual, rectify);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(float* y, Vector256<float> sum, nint toResidual, bool rectify)
    {
        if (toResidual != 0)
        {
            sum += Vector256.Load(y + toResidual);
        }

        (rectify ? Vector256.Max(sum, Vector256<float>.Zero) : sum).Store(y);
    }
}
