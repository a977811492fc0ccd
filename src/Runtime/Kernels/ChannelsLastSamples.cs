using System;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Butterfly.Kernels;

/// <summary>
/// A sample copied channels-last with <c>p</c> zeros on every side, for <see cref="ChannelsLastWeightGradient"/> and
/// <see cref="ChannelsLast.ConvolvePlanes"/>:
/// <c>x̂[i + p, j + p, c] = x[c, i, j]</c> over <c>(H + 2p) × (W + 2p) × C</c> floats, zero where the window hangs over
/// the padding. One pass does what zero-padding the sample and then transposing it would do in two. With AVX and a
/// multiple of eight channels, eight channels of eight neighbouring pixels are loaded as eight row vectors (one per
/// channel), transposed in registers and stored as eight pixel vectors; a row's last block of eight pixels ends at
/// its edge, overlapping the one before, and rewrites the same values. Only floats move, so the copy is exact.
/// </summary>
internal static unsafe class ChannelsLastSamples
{
    /// <summary>Channels, and pixels of a row, per transposed block.</summary>
    private const int Block = 8;

    /// <summary>Writes <paramref name="x"/>'s channels-last padded copy to <paramref name="to"/>.</summary>
    public static void Write(float* x, float* to, int channels, int height, int width, int padding) =>
        WriteRows(x, to, channels, height, width, padding, 0, height + 2 * padding);

    /// <summary>
    /// Writes padded rows [<paramref name="first"/>, <paramref name="first"/> + <paramref name="rows"/>) of
    /// <paramref name="x"/>'s channels-last padded copy to <paramref name="to"/>, row <paramref name="first"/> at its
    /// start: what one band of a channels-last convolution reads (<see cref="ChannelsLast.ConvolvePlanes"/>). One
    /// channel is a padded copy of each row.
    /// </summary>
    public static void WriteRows(float* x, float* to, int channels, int height, int width, int padding, int first, int rows)
    {
        int plane = height * width, paddedWidth = width + 2 * padding;
        int pixelRow = paddedWidth * channels;
        bool blocks = Avx.IsSupported && channels % Block == 0 && width >= Block;
        for (int r = first; r < first + rows; r++)
        {
            float* row = to + (long)(r - first) * pixelRow;
            int i = r - padding;
            if (i < 0 || i >= height)
            {
                new Span<float>(row, pixelRow).Clear();
                continue;
            }

            new Span<float>(row, padding * channels).Clear();
            new Span<float>(row + (padding + width) * channels, padding * channels).Clear();
            float* inside = row + padding * channels;
            float* source = x + i * width;
            if (channels == 1)
            {
                new ReadOnlySpan<float>(source, width).CopyTo(new Span<float>(inside, width));
                continue;
            }

            if (!blocks)
            {
                for (int j = 0; j < width; j++)
                {
                    for (int c = 0; c < channels; c++)
                    {
                        inside[j * channels + c] = source[c * plane + j];
                    }
                }

                continue;
            }

            for (int c = 0; c < channels; c += Block)
            {
                for (int j = 0; j < width; j += Block)
                {
                    int start = Math.Min(j, width - Block);
                    Transpose(source + c * plane + start, plane, inside + start * channels + c, channels);
                }
            }
        }
    }

    /// <summary>
    /// <c>to[m · toStep + k] = from[k · fromStep + m]</c> for k, m &lt; 8: eight rows of eight floats become eight columns.
    /// Pairs are interleaved, then quadruples, then the 128-bit halves swapped across.
    /// </summary>
    private static void Transpose(float* from, int fromStep, float* to, int toStep)
    {
        var r0 = Avx.LoadVector256(from);
        var r1 = Avx.LoadVector256(from + fromStep);
        var r2 = Avx.LoadVector256(from + 2 * fromStep);
        var r3 = Avx.LoadVector256(from + 3 * fromStep);
        var r4 = Avx.LoadVector256(from + 4 * fromStep);
        var r5 = Avx.LoadVector256(from + 5 * fromStep);
        var r6 = Avx.LoadVector256(from + 6 * fromStep);
        var r7 = Avx.LoadVector256(from + 7 * fromStep);

        // t0 = r0[0] r1[0] r0[1] r1[1] | r0[4] r1[4] r0[5] r1[5], and so on.
        var t0 = Avx.UnpackLow(r0, r1);
        var t1 = Avx.UnpackHigh(r0, r1);
        var t2 = Avx.UnpackLow(r2, r3);
        var t3 = Avx.UnpackHigh(r2, r3);
        var t4 = Avx.UnpackLow(r4, r5);
        var t5 = Avx.UnpackHigh(r4, r5);
        var t6 = Avx.UnpackLow(r6, r7);
        var t7 = Avx.UnpackHigh(r6, r7);

        // u0 = column 0 of rows 0-3 | column 4 of rows 0-3, and so on.
        var u0 = Avx.Shuffle(t0, t2, 0x44);
        var u1 = Avx.Shuffle(t0, t2, 0xEE);
        var u2 = Avx.Shuffle(t1, t3, 0x44);
        var u3 = Avx.Shuffle(t1, t3, 0xEE);
        var u4 = Avx.Shuffle(t4, t6, 0x44);
        var u5 = Avx.Shuffle(t4, t6, 0xEE);
        var u6 = Avx.Shuffle(t5, t7, 0x44);
        var u7 = Avx.Shuffle(t5, t7, 0xEE);

        Avx.Store(to, Avx.Permute2x128(u0, u4, 0x20));
        Avx.Store(to + toStep, Avx.Permute2x128(u1, u5, 0x20));
        Avx.Store(to + 2 * toStep, Avx.Permute2x128(u2, u6, 0x20));
        Avx.Store(to + 3 * toStep, Avx.Permute2x128(u3, u7, 0x20));
        Avx.Store(to + 4 * toStep, Avx.Permute2x128(u0, u4, 0x31));
        Avx.Store(to + 5 * toStep, Avx.Permute2x128(u1, u5, 0x31));
        Avx.Store(to + 6 * toStep, Avx.Permute2x128(u2, u6, 0x31));
        Avx.Store(to + 7 * toStep, Avx.Permute2x128(u3, u7, 0x31));
    }
}
