using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Butterfly.Kernels;

/// <summary>
/// The 512-bit tiles of <see cref="ChannelsLast.Convolve"/>: a vector holds one output pixel for sixteen filters, which
/// channels-last is also how the output is stored, so a tile's sums go to memory as they are, with no transposition.
/// Per tap (in the formula's order: channels, window rows, window columns) a tile loads the tap's weights for its
/// filters from a tap-major copy (<c>[taps × filters]</c>) and broadcasts one input per output pixel, the pixels
/// <c>TStride</c> floats apart (the input's channels; <see cref="Zero"/>: the stride argument).
/// Each output is the bias and then one fused multiply-add per tap, the bits of <see cref="DirectConvolution"/>.
/// A tile's <c>x</c> is its first pixel's window: tap <c>t</c> reads <c>x[offsets[t] + k · stride]</c> for pixel
/// <c>k</c>, whose outputs go to <c>y + k · filters</c>; <c>tapMajor</c> and <c>bias</c> start at the tile's first filter.
/// </summary>
internal static unsafe class ChannelsLastTiles512
{
    /// <summary>
    /// Outputs of <c>TPixels</c> (at most 28) neighbouring pixels for 16 filters: 28 sums at most, and per tap one
    /// weight vector and one broadcast per pixel.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Filters16<TPixels, TStride>(float* x, int stride, float* tapMajor, float* bias, int filters, int taps, int* offsets, float* y, nint toResidual, bool rectify)
        where TPixels : struct, IConstant
        where TStride : struct, IConstant
    {
        int s = TStride.Value == 0 ? stride : TStride.Value;
        var b0 = Vector512.Load(bias);
        Vector512<float> s0 = b0, s1 = b0, s2 = b0, s3 = b0, s4 = b0, s5 = b0, s6 = b0, s7 = b0, s8 = b0, s9 = b0, s10 = b0, s11 = b0, s12 = b0, s13 = b0, s14 = b0, s15 = b0, s16 = b0, s17 = b0, s18 = b0, s19 = b0, s20 = b0, s21 = b0, s22 = b0, s23 = b0, s24 = b0, s25 = b0, s26 = b0, s27 = b0;
        for (int tap = 0; tap < taps; tap++)
        {
            float* input = x + offsets[tap];
            float* w = tapMajor + tap * filters;
            var k0 = Vector512.Load(w);
            s0 = Vector512.FusedMultiplyAdd(k0, Vector512.Create(input[0 * s]), s0);
            if (TPixels.Value > 1)
            {
                s1 = Vector512.FusedMultiplyAdd(k0, Vector512.Create(input[1 * s]), s1);
            }

            if (TPixels.Value > 2)
            {
                s2 = Vector512.FusedMultiplyAdd(k0, Vector512.Create(input[2 * s]), s2);
            }

            if (TPixels.Value > 3)
            {
                s3 = Vector512.FusedMultiplyAdd(k0, Vector512.Create(input[3 * s]), s3);
            }

            if (TPixels.Value > 4)
            {
                s4 = Vector512.FusedMultiplyAdd(k0, Vector512.Create(input[4 * s]), s4);
            }

            if (TPixels.Value > 5)
            {
                s5 = Vector512.FusedMultiplyAdd(k0, Vector512.Create(input[5 * s]), s5);
            }

            if (TPixels.Value > 6)
            {
                s6 = Vector512.FusedMultiplyAdd(k0, Vector512.Create(input[6 * s]), s6);
            }

            if (TPixels.Value > 7)
            {
                s7 = Vector512.FusedMultiplyAdd(k0, Vector512.Create(input[7 * s]), s7);
            }

            if (TPixels.Value > 8)
            {
                s8 = Vector512.FusedMultiplyAdd(k0, Vector512.Create(input[8 * s]), s8);
            }

            if (TPixels.Value > 9)
            {
                s9 = Vector512.FusedMultiplyAdd(k0, Vector512.Create(input[9 * s]), s9);
            }

            if (TPixels.Value > 10)
            {
                s10 = Vector512.FusedMultiplyAdd(k0, Vector512.Create(input[10 * s]), s10);
            }

            if (TPixels.Value > 11)
            {
                s11 = Vector512.FusedMultiplyAdd(k0, Vector512.Create(input[11 * s]), s11);
            }

            if (TPixels.Value > 12)
            {
                s12 = Vector512.FusedMultiplyAdd(k0, Vector512.Create(input[12 * s]), s12);
            }

            if (TPixels.Value > 13)
            {
                s13 = Vector512.FusedMultiplyAdd(k0, Vector512.Create(input[13 * s]), s13);
            }

            if (TPixels.Value > 14)
            {
                s14 = Vector512.FusedMultiplyAdd(k0, Vector512.Create(input[14 * s]), s14);
            }

            if (TPixels.Value > 15)
            {
                s15 = Vector512.FusedMultiplyAdd(k0, Vector512.Create(input[15 * s]), s15);
            }

            if (TPixels.Value > 16)
            {
                s16 = Vector512.FusedMultiplyAdd(k0, Vector512.Create(input[16 * s]), s16);
            }

            if (TPixels.Value > 17)
            {
                s17 = Vector512.FusedMultiplyAdd(k0, Vector512.Create(input[17 * s]), s17);
            }

            if (TPixels.Value > 18)
            {
                s18 = Vector512.FusedMultiplyAdd(k0, Vector512.Create(input[18 * s]), s18);
            }

            if (TPixels.Value > 19)
            {
                s19 = Vector512.FusedMultiplyAdd(k0, Vector512.Create(input[19 * s]), s19);
            }

            if (TPixels.Value > 20)
            {
                s20 = Vector512.FusedMultiplyAdd(k0, Vector512.Create(input[20 * s]), s20);
            }

            if (TPixels.Value > 21)
            {
                s21 = Vector512.FusedMultiplyAdd(k0, Vector512.Create(input[21 * s]), s21);
            }

            if (TPixels.Value > 22)
            {
                s22 = Vector512.FusedMultiplyAdd(k0, Vector512.Create(input[22 * s]), s22);
            }

            if (TPixels.Value > 23)
            {
                s23 = Vector512.FusedMultiplyAdd(k0, Vector512.Create(input[23 * s]), s23);
            }

            if (TPixels.Value > 24)
            {
                s24 = Vector512.FusedMultiplyAdd(k0, Vector512.Create(input[24 * s]), s24);
            }

            if (TPixels.Value > 25)
            {
                s25 = Vector512.FusedMultiplyAdd(k0, Vector512.Create(input[25 * s]), s25);
            }

            if (TPixels.Value > 26)
            {
                s26 = Vector512.FusedMultiplyAdd(k0, Vector512.Create(input[26 * s]), s26);
            }

            if (TPixels.Value > 27)
            {
                s27 = Vector512.FusedMultiplyAdd(k0, Vector512.Create(input[27 * s]), s27);
            }
        }

        Store(y + 0 * filters, s0, toResidual, rectify);
        if (TPixels.Value > 1)
        {
            Store(y + 1 * filters, s1, toResidual, rectify);
        }

        if (TPixels.Value > 2)
        {
            Store(y + 2 * filters, s2, toResidual, rectify);
        }

        if (TPixels.Value > 3)
        {
            Store(y + 3 * filters, s3, toResidual, rectify);
        }

        if (TPixels.Value > 4)
        {
            Store(y + 4 * filters, s4, toResidual, rectify);
        }

        if (TPixels.Value > 5)
        {
            Store(y + 5 * filters, s5, toResidual, rectify);
        }

        if (TPixels.Value > 6)
        {
            Store(y + 6 * filters, s6, toResidual, rectify);
        }

        if (TPixels.Value > 7)
        {
            Store(y + 7 * filters, s7, toResidual, rectify);
        }

        if (TPixels.Value > 8)
        {
            Store(y + 8 * filters, s8, toResidual, rectify);
        }

        if (TPixels.Value > 9)
        {
            Store(y + 9 * filters, s9, toResidual, rectify);
        }

        if (TPixels.Value > 10)
        {
            Store(y + 10 * filters, s10, toResidual, rectify);
        }

        if (TPixels.Value > 11)
        {
            Store(y + 11 * filters, s11, toResidual, rectify);
        }

        if (TPixels.Value > 12)
        {
            Store(y + 12 * filters, s12, toResidual, rectify);
        }

        if (TPixels.Value > 13)
        {
            Store(y + 13 * filters, s13, toResidual, rectify);
        }

        if (TPixels.Value > 14)
        {
            Store(y + 14 * filters, s14, toResidual, rectify);
        }

        if (TPixels.Value > 15)
        {
            Store(y + 15 * filters, s15, toResidual, rectify);
        }

        if (TPixels.Value > 16)
        {
            Store(y + 16 * filters, s16, toResidual, rectify);
        }

        if (TPixels.Value > 17)
        {
            Store(y + 17 * filters, s17, toResidual, rectify);
        }

        if (TPixels.Value > 18)
        {
            Store(y + 18 * filters, s18, toResidual, rectify);
        }

        if (TPixels.Value > 19)
        {
            Store(y + 19 * filters, s19, toResidual, rectify);
        }

        if (TPixels.Value > 20)
        {
            Store(y + 20 * filters, s20, toResidual, rectify);
        }

        if (TPixels.Value > 21)
        {
            Store(y + 21 * filters, s21, toResidual, rectify);
        }

        if (TPixels.Value > 22)
        {
            Store(y + 22 * filters, s22, toResidual, rectify);
        }

        if (TPixels.Value > 23)
        {
            Store(y + 23 * filters, s23, toResidual, rectify);
        }

        if (TPixels.Value > 24)
        {
            Store(y + 24 * filters, s24, toResidual, rectify);
        }

        if (TPixels.Value > 25)
        {
            Store(y + 25 * filters, s25, toResidual, rectify);
        }

        if (TPixels.Value > 26)
        {
            Store(y + 26 * filters, s26, toResidual, rectify);
        }

        if (TPixels.Value > 27)
        {
            Store(y + 27 * filters, s27, toResidual, rectify);
        }
    }

    /// <summary>
    /// Outputs of <c>TPixels</c> (at most 14) neighbouring pixels for 32 filters: 28 sums, and per tap two weight
    /// vectors and one broadcast per pixel, each feeding two fused multiply-adds.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Filters32<TPixels, TStride>(float* x, int stride, float* tapMajor, float* bias, int filters, int taps, int* offsets, float* y, nint toResidual, bool rectify)
        where TPixels : struct, IConstant
        where TStride : struct, IConstant
    {
        int s = TStride.Value == 0 ? stride : TStride.Value;
        var b0 = Vector512.Load(bias);
        var b1 = Vector512.Load(bias + 16);
        Vector512<float> s0 = b0, s1 = b0, s2 = b0, s3 = b0, s4 = b0, s5 = b0, s6 = b0, s7 = b0, s8 = b0, s9 = b0, s10 = b0, s11 = b0, s12 = b0, s13 = b0;
        Vector512<float> t0 = b1, t1 = b1, t2 = b1, t3 = b1, t4 = b1, t5 = b1, t6 = b1, t7 = b1, t8 = b1, t9 = b1, t10 = b1, t11 = b1, t12 = b1, t13 = b1;
        for (int tap = 0; tap < taps; tap++)
        {
            float* input = x + offsets[tap];
            float* w = tapMajor + tap * filters;
            var k0 = Vector512.Load(w);
            var k1 = Vector512.Load(w + 16);
            var q0 = Vector512.Create(input[0 * s]);
            s0 = Vector512.FusedMultiplyAdd(k0, q0, s0);
            t0 = Vector512.FusedMultiplyAdd(k1, q0, t0);
            if (TPixels.Value > 1)
            {
                var q1 = Vector512.Create(input[1 * s]);
                s1 = Vector512.FusedMultiplyAdd(k0, q1, s1);
                t1 = Vector512.FusedMultiplyAdd(k1, q1, t1);
            }

            if (TPixels.Value > 2)
            {
                var q2 = Vector512.Create(input[2 * s]);
                s2 = Vector512.FusedMultiplyAdd(k0, q2, s2);
                t2 = Vector512.FusedMultiplyAdd(k1, q2, t2);
            }

            if (TPixels.Value > 3)
            {
                var q3 = Vector512.Create(input[3 * s]);
                s3 = Vector512.FusedMultiplyAdd(k0, q3, s3);
                t3 = Vector512.FusedMultiplyAdd(k1, q3, t3);
            }

            if (TPixels.Value > 4)
            {
                var q4 = Vector512.Create(input[4 * s]);
                s4 = Vector512.FusedMultiplyAdd(k0, q4, s4);
                t4 = Vector512.FusedMultiplyAdd(k1, q4, t4);
            }

            if (TPixels.Value > 5)
            {
                var q5 = Vector512.Create(input[5 * s]);
                s5 = Vector512.FusedMultiplyAdd(k0, q5, s5);
                t5 = Vector512.FusedMultiplyAdd(k1, q5, t5);
            }

            if (TPixels.Value > 6)
            {
                var q6 = Vector512.Create(input[6 * s]);
                s6 = Vector512.FusedMultiplyAdd(k0, q6, s6);
                t6 = Vector512.FusedMultiplyAdd(k1, q6, t6);
            }

            if (TPixels.Value > 7)
            {
                var q7 = Vector512.Create(input[7 * s]);
                s7 = Vector512.FusedMultiplyAdd(k0, q7, s7);
                t7 = Vector512.FusedMultiplyAdd(k1, q7, t7);
            }

            if (TPixels.Value > 8)
            {
                var q8 = Vector512.Create(input[8 * s]);
                s8 = Vector512.FusedMultiplyAdd(k0, q8, s8);
                t8 = Vector512.FusedMultiplyAdd(k1, q8, t8);
            }

            if (TPixels.Value > 9)
            {
                var q9 = Vector512.Create(input[9 * s]);
                s9 = Vector512.FusedMultiplyAdd(k0, q9, s9);
                t9 = Vector512.FusedMultiplyAdd(k1, q9, t9);
            }

            if (TPixels.Value > 10)
            {
                var q10 = Vector512.Create(input[10 * s]);
                s10 = Vector512.FusedMultiplyAdd(k0, q10, s10);
                t10 = Vector512.FusedMultiplyAdd(k1, q10, t10);
            }

            if (TPixels.Value > 11)
            {
                var q11 = Vector512.Create(input[11 * s]);
                s11 = Vector512.FusedMultiplyAdd(k0, q11, s11);
                t11 = Vector512.FusedMultiplyAdd(k1, q11, t11);
            }

            if (TPixels.Value > 12)
            {
                var q12 = Vector512.Create(input[12 * s]);
                s12 = Vector512.FusedMultiplyAdd(k0, q12, s12);
                t12 = Vector512.FusedMultiplyAdd(k1, q12, t12);
            }

            if (TPixels.Value > 13)
            {
                var q13 = Vector512.Create(input[13 * s]);
                s13 = Vector512.FusedMultiplyAdd(k0, q13, s13);
                t13 = Vector512.FusedMultiplyAdd(k1, q13, t13);
            }
        }

        float* z = y + 16;
        Store(y + 0 * filters, s0, toResidual, rectify);
        Store(z + 0 * filters, t0, toResidual, rectify);
        if (TPixels.Value > 1)
        {
            Store(y + 1 * filters, s1, toResidual, rectify);
            Store(z + 1 * filters, t1, toResidual, rectify);
        }

        if (TPixels.Value > 2)
        {
            Store(y + 2 * filters, s2, toResidual, rectify);
            Store(z + 2 * filters, t2, toResidual, rectify);
        }

        if (TPixels.Value > 3)
        {
            Store(y + 3 * filters, s3, toResidual, rectify);
            Store(z + 3 * filters, t3, toResidual, rectify);
        }

        if (TPixels.Value > 4)
        {
            Store(y + 4 * filters, s4, toResidual, rectify);
            Store(z + 4 * filters, t4, toResidual, rectify);
        }

        if (TPixels.Value > 5)
        {
            Store(y + 5 * filters, s5, toResidual, rectify);
            Store(z + 5 * filters, t5, toResidual, rectify);
        }

        if (TPixels.Value > 6)
        {
            Store(y + 6 * filters, s6, toResidual, rectify);
            Store(z + 6 * filters, t6, toResidual, rectify);
        }

        if (TPixels.Value > 7)
        {
            Store(y + 7 * filters, s7, toResidual, rectify);
            Store(z + 7 * filters, t7, toResidual, rectify);
        }

        if (TPixels.Value > 8)
        {
            Store(y + 8 * filters, s8, toResidual, rectify);
            Store(z + 8 * filters, t8, toResidual, rectify);
        }

        if (TPixels.Value > 9)
        {
            Store(y + 9 * filters, s9, toResidual, rectify);
            Store(z + 9 * filters, t9, toResidual, rectify);
        }

        if (TPixels.Value > 10)
        {
            Store(y + 10 * filters, s10, toResidual, rectify);
            Store(z + 10 * filters, t10, toResidual, rectify);
        }

        if (TPixels.Value > 11)
        {
            Store(y + 11 * filters, s11, toResidual, rectify);
            Store(z + 11 * filters, t11, toResidual, rectify);
        }

        if (TPixels.Value > 12)
        {
            Store(y + 12 * filters, s12, toResidual, rectify);
            Store(z + 12 * filters, t12, toResidual, rectify);
        }

        if (TPixels.Value > 13)
        {
            Store(y + 13 * filters, s13, toResidual, rectify);
            Store(z + 13 * filters, t13, toResidual, rectify);
        }
    }

    /// <summary>
    /// Outputs of <c>TPixels</c> (at most 14) neighbouring pixels for 16 filters of a 3 × 3 window, a window row at a
    /// time: per channel and window row the three weight vectors are loaded once, and each of the row's inputs is
    /// broadcast once for up to three outputs (pixel <c>j</c> takes window column <c>v</c> from input <c>j + v</c>), about
    /// 0.45 loads per multiply-add against one for <see cref="Filters16{TPixels, TStride}"/>. Input <c>j + v</c> comes
    /// after input <c>j + v - 1</c>, so each output still sums its taps in the formula's order, with the same bits. The
    /// pixel stride is the input's channel count, which the channel loop runs over; a window row is <c>inRow</c> floats.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void WindowRows16<TPixels, TStride>(float* x, int stride, int inRow, float* tapMajor, float* bias, int filters, float* y, nint toResidual, bool rectify)
        where TPixels : struct, IConstant
        where TStride : struct, IConstant
    {
        int s = TStride.Value == 0 ? stride : TStride.Value;
        var b0 = Vector512.Load(bias);
        Vector512<float> s0 = b0, s1 = b0, s2 = b0, s3 = b0, s4 = b0, s5 = b0, s6 = b0, s7 = b0, s8 = b0, s9 = b0, s10 = b0, s11 = b0, s12 = b0, s13 = b0;
        for (int c = 0; c < s; c++)
        {
            for (int u = 0; u < 3; u++)
            {
                float* input = x + u * inRow + c;
                float* w = tapMajor + (c * 3 + u) * 3 * filters;
                var k0 = Vector512.Load(w);
                var k1 = Vector512.Load(w + filters);
                var k2 = Vector512.Load(w + 2 * filters);
                {
                    var q = Vector512.Create(input[0 * s]);
                    s0 = Vector512.FusedMultiplyAdd(k0, q, s0);
                }

                {
                    var q = Vector512.Create(input[1 * s]);
                    if (TPixels.Value > 1)
                    {
                        s1 = Vector512.FusedMultiplyAdd(k0, q, s1);
                    }
                    s0 = Vector512.FusedMultiplyAdd(k1, q, s0);
                }

                {
                    var q = Vector512.Create(input[2 * s]);
                    if (TPixels.Value > 2)
                    {
                        s2 = Vector512.FusedMultiplyAdd(k0, q, s2);
                    }
                    if (TPixels.Value > 1)
                    {
                        s1 = Vector512.FusedMultiplyAdd(k1, q, s1);
                    }
                    s0 = Vector512.FusedMultiplyAdd(k2, q, s0);
                }

                if (TPixels.Value > 1)
                {
                    var q = Vector512.Create(input[3 * s]);
                    if (TPixels.Value > 3)
                    {
                        s3 = Vector512.FusedMultiplyAdd(k0, q, s3);
                    }
                    if (TPixels.Value > 2)
                    {
                        s2 = Vector512.FusedMultiplyAdd(k1, q, s2);
                    }
                    s1 = Vector512.FusedMultiplyAdd(k2, q, s1);
                }

                if (TPixels.Value > 2)
                {
                    var q = Vector512.Create(input[4 * s]);
                    if (TPixels.Value > 4)
                    {
                        s4 = Vector512.FusedMultiplyAdd(k0, q, s4);
                    }
                    if (TPixels.Value > 3)
                    {
                        s3 = Vector512.FusedMultiplyAdd(k1, q, s3);
                    }
                    s2 = Vector512.FusedMultiplyAdd(k2, q, s2);
                }

                if (TPixels.Value > 3)
                {
                    var q = Vector512.Create(input[5 * s]);
                    if (TPixels.Value > 5)
                    {
                        s5 = Vector512.FusedMultiplyAdd(k0, q, s5);
                    }
                    if (TPixels.Value > 4)
                    {
                        s4 = Vector512.FusedMultiplyAdd(k1, q, s4);
                    }
                    s3 = Vector512.FusedMultiplyAdd(k2, q, s3);
                }

                if (TPixels.Value > 4)
                {
                    var q = Vector512.Create(input[6 * s]);
                    if (TPixels.Value > 6)
                    {
                        s6 = Vector512.FusedMultiplyAdd(k0, q, s6);
                    }
                    if (TPixels.Value > 5)
                    {
                        s5 = Vector512.FusedMultiplyAdd(k1, q, s5);
                    }
                    s4 = Vector512.FusedMultiplyAdd(k2, q, s4);
                }

                if (TPixels.Value > 5)
                {
                    var q = Vector512.Create(input[7 * s]);
                    if (TPixels.Value > 7)
                    {
                        s7 = Vector512.FusedMultiplyAdd(k0, q, s7);
                    }
                    if (TPixels.Value > 6)
                    {
                        s6 = Vector512.FusedMultiplyAdd(k1, q, s6);
                    }
                    s5 = Vector512.FusedMultiplyAdd(k2, q, s5);
                }

                if (TPixels.Value > 6)
                {
                    var q = Vector512.Create(input[8 * s]);
                    if (TPixels.Value > 8)
                    {
                        s8 = Vector512.FusedMultiplyAdd(k0, q, s8);
                    }
                    if (TPixels.Value > 7)
                    {
                        s7 = Vector512.FusedMultiplyAdd(k1, q, s7);
                    }
                    s6 = Vector512.FusedMultiplyAdd(k2, q, s6);
                }

                if (TPixels.Value > 7)
                {
                    var q = Vector512.Create(input[9 * s]);
                    if (TPixels.Value > 9)
                    {
                        s9 = Vector512.FusedMultiplyAdd(k0, q, s9);
                    }
                    if (TPixels.Value > 8)
                    {
                        s8 = Vector512.FusedMultiplyAdd(k1, q, s8);
                    }
                    s7 = Vector512.FusedMultiplyAdd(k2, q, s7);
                }

                if (TPixels.Value > 8)
                {
                    var q = Vector512.Create(input[10 * s]);
                    if (TPixels.Value > 10)
                    {
                        s10 = Vector512.FusedMultiplyAdd(k0, q, s10);
                    }
                    if (TPixels.Value > 9)
                    {
                        s9 = Vector512.FusedMultiplyAdd(k1, q, s9);
                    }
                    s8 = Vector512.FusedMultiplyAdd(k2, q, s8);
                }

                if (TPixels.Value > 9)
                {
                    var q = Vector512.Create(input[11 * s]);
                    if (TPixels.Value > 11)
                    {
                        s11 = Vector512.FusedMultiplyAdd(k0, q, s11);
                    }
                    if (TPixels.Value > 10)
                    {
                        s10 = Vector512.FusedMultiplyAdd(k1, q, s10);
                    }
                    s9 = Vector512.FusedMultiplyAdd(k2, q, s9);
                }

                if (TPixels.Value > 10)
                {
                    var q = Vector512.Create(input[12 * s]);
                    if (TPixels.Value > 12)
                    {
                        s12 = Vector512.FusedMultiplyAdd(k0, q, s12);
                    }
                    if (TPixels.Value > 11)
                    {
                        s11 = Vector512.FusedMultiplyAdd(k1, q, s11);
                    }
                    s10 = Vector512.FusedMultiplyAdd(k2, q, s10);
                }

                if (TPixels.Value > 11)
                {
                    var q = Vector512.Create(input[13 * s]);
                    if (TPixels.Value > 13)
                    {
                        s13 = Vector512.FusedMultiplyAdd(k0, q, s13);
                    }
                    if (TPixels.Value > 12)
                    {
                        s12 = Vector512.FusedMultiplyAdd(k1, q, s12);
                    }
                    s11 = Vector512.FusedMultiplyAdd(k2, q, s11);
                }

                if (TPixels.Value > 12)
                {
                    var q = Vector512.Create(input[14 * s]);
                    if (TPixels.Value > 13)
                    {
                        s13 = Vector512.FusedMultiplyAdd(k1, q, s13);
                    }
                    s12 = Vector512.FusedMultiplyAdd(k2, q, s12);
                }

                if (TPixels.Value > 13)
                {
                    var q = Vector512.Create(input[15 * s]);
                    s13 = Vector512.FusedMultiplyAdd(k2, q, s13);
                }
            }
        }

        Store(y, s0, toResidual, rectify);
        if (TPixels.Value > 1)
        {
            Store(y + 1 * filters, s1, toResidual, rectify);
        }

        if (TPixels.Value > 2)
        {
            Store(y + 2 * filters, s2, toResidual, rectify);
        }

        if (TPixels.Value > 3)
        {
            Store(y + 3 * filters, s3, toResidual, rectify);
        }

        if (TPixels.Value > 4)
        {
            Store(y + 4 * filters, s4, toResidual, rectify);
        }

        if (TPixels.Value > 5)
        {
            Store(y + 5 * filters, s5, toResidual, rectify);
        }

        if (TPixels.Value > 6)
        {
            Store(y + 6 * filters, s6, toResidual, rectify);
        }

        if (TPixels.Value > 7)
        {
            Store(y + 7 * filters, s7, toResidual, rectify);
        }

        if (TPixels.Value > 8)
        {
            Store(y + 8 * filters, s8, toResidual, rectify);
        }

        if (TPixels.Value > 9)
        {
            Store(y + 9 * filters, s9, toResidual, rectify);
        }

        if (TPixels.Value > 10)
        {
            Store(y + 10 * filters, s10, toResidual, rectify);
        }

        if (TPixels.Value > 11)
        {
            Store(y + 11 * filters, s11, toResidual, rectify);
        }

        if (TPixels.Value > 12)
        {
            Store(y + 12 * filters, s12, toResidual, rectify);
        }

        if (TPixels.Value > 13)
        {
            Store(y + 13 * filters, s13, toResidual, rectify);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(float* y, Vector512<float> sum, nint toResidual, bool rectify)
    {
        if (toResidual != 0)
        {
            sum += Vector512.Load(y + toResidual);
        }

        (rectify ? Vector512.Max(sum, Vector512<float>.Zero) : sum).Store(y);
    }
}
