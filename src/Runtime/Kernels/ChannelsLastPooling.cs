using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Butterfly.Kernels;

/// <summary>
/// Pooling of channels-last images (<see cref="ChannelsLast.MaxPool"/>, <see cref="ChannelsLast.GlobalAverage"/>):
/// a pixel's channels are neighbours, so a vector holds one pixel's value for 16 (or 8) channels and a window is
/// walked pixel by pixel, with no shuffling. A window's maximum is its first in row-major order, as in
/// <see cref="Pooling"/>: a later input replaces the maximum so far only if strictly greater.
/// </summary>
internal static unsafe class ChannelsLastPooling
{
    /// <summary>
    /// Output rows [<paramref name="first"/>, <paramref name="end"/>) of a max pooling, inside the border; the input's
    /// rows from <paramref name="stride"/> times <paramref name="first"/> on.
    /// </summary>
    public static void MaxRows(float* x, float* y, int channels, int width, int size, int stride, int border, int outW, int first, int end)
    {
        int inRow = (width + 2 * border) * channels, outRow = (outW + 2 * border) * channels;
        int wide = Simd.Path == SimdPath.Vector512 ? channels - channels % 16 : 0;
        int narrow = Simd.Path >= SimdPath.Vector256 ? channels - channels % 8 : 0;
        for (int i = first; i < end; i++)
        {
            float* output = y + (i + border) * outRow + border * channels;
            float* top = x + (i * stride + border) * inRow + border * channels;
            for (int j = 0; j < outW; j++, output += channels)
            {
                float* window = top + j * stride * channels;
                int c = 0;
                for (; c < wide; c += 16)
                {
                    var max = Vector512.Load(window + c);
                    for (int u = 0; u < size; u++)
                    {
                        for (int v = 0; v < size; v++)
                        {
                            var value = Vector512.Load(window + u * inRow + v * channels + c);
                            max = Vector512.ConditionalSelect(Vector512.GreaterThan(value, max), value, max);
                        }
                    }

                    max.Store(output + c);
                }

                for (; c < narrow; c += 8)
                {
                    var max = Vector256.Load(window + c);
                    for (int u = 0; u < size; u++)
                    {
                        for (int v = 0; v < size; v++)
                        {
                            var value = Vector256.Load(window + u * inRow + v * channels + c);
                            max = Vector256.ConditionalSelect(Vector256.GreaterThan(value, max), value, max);
                        }
                    }

                    max.Store(output + c);
                }

                for (; c < channels; c++)
                {
                    float max = window[c];
                    for (int u = 0; u < size; u++)
                    {
                        for (int v = 0; v < size; v++)
                        {
                            float value = window[u * inRow + v * channels + c];
                            max = value > max ? value : max;
                        }
                    }

                    output[c] = max;
                }
            }
        }
    }

    /// <summary>
    /// <c>y[c] = (1 / HW) Σ x[c, i, j]</c>: each channel's sum taken pixel by pixel in row-major order, whatever the
    /// vector width, then scaled as <see cref="Pooling.GlobalAverage"/> scales.
    /// </summary>
    public static void GlobalAverage(float* x, float* y, int channels, int height, int width, int border)
    {
        int row = (width + 2 * border) * channels;
        float scale = 1f / (height * width);
        float* inside = x + border * row + border * channels;
        int c = 0;
        if (Simd.Path == SimdPath.Vector512)
        {
            for (; c + 16 <= channels; c += 16)
            {
                var sum = Vector512<float>.Zero;
                for (int i = 0; i < height; i++)
                {
                    float* pixel = inside + i * row + c;
                    for (int j = 0; j < width; j++, pixel += channels)
                    {
                        sum += Vector512.Load(pixel);
                    }
                }

                (sum * scale).Store(y + c);
            }
        }

        if (Simd.Path >= SimdPath.Vector256)
        {
            for (; c + 8 <= channels; c += 8)
            {
                var sum = Vector256<float>.Zero;
                for (int i = 0; i < height; i++)
                {
                    float* pixel = inside + i * row + c;
                    for (int j = 0; j < width; j++, pixel += channels)
                    {
                        sum += Vector256.Load(pixel);
                    }
                }

                (sum * scale).Store(y + c);
            }
        }

        for (; c < channels; c++)
        {
            y[c] = Sum(inside + c, channels, height, width, row) * scale;
        }
    }

    /// <summary>One channel's sum over the inside pixels, row-major.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Sum(float* first, int channels, int height, int width, int row)
    {
        float sum = 0f;
        for (int i = 0; i < height; i++)
        {
            for (int j = 0; j < width; j++)
            {
                sum += first[i * row + j * channels];
            }
        }

        return sum;
    }
}
