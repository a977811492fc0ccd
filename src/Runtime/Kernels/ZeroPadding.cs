using System;

namespace Butterfly.Kernels;

/// <summary>
/// A padded convolution is the unpadded one over a copy of its input with <c>p</c> zeros on every side, so the direct
/// kernels, which slide the window without bounds checks, take padding too: <see cref="Pad"/> writes that copy
/// (<c>C·(H + 2p)·(W + 2p)</c> floats, against <c>F·C·K²</c> multiply-adds per output pixel: a small share of the work),
/// and <see cref="Crop"/> takes the inside of a gradient computed over it.
/// </summary>
internal static unsafe class ZeroPadding
{
    /// <summary><c>padded[c, i + p, j + p] = x[c, i, j]</c>, zeros around it; <paramref name="padded"/> holds <c>C·(H + 2p)·(W + 2p)</c> floats.</summary>
    public static void Pad(float* x, float* padded, int channels, int height, int width, int padding)
    {
        int paddedWidth = width + 2 * padding, paddedHeight = height + 2 * padding;
        for (int c = 0; c < channels; c++)
        {
            float* plane = padded + (long)c * paddedHeight * paddedWidth;
            new Span<float>(plane, padding * paddedWidth).Clear();
            for (int i = 0; i < height; i++)
            {
                float* row = plane + (long)(i + padding) * paddedWidth;
                new Span<float>(row, padding).Clear();
                new ReadOnlySpan<float>(x + ((long)c * height + i) * width, width).CopyTo(new Span<float>(row + padding, width));
                new Span<float>(row + padding + width, padding).Clear();
            }

            new Span<float>(plane + (long)(height + padding) * paddedWidth, padding * paddedWidth).Clear();
        }
    }

    /// <summary><c>x[c, i, j] = padded[c, i + p, j + p]</c>: the inside of a tensor over the padded input.</summary>
    public static void Crop(float* padded, float* x, int channels, int height, int width, int padding)
    {
        int paddedWidth = width + 2 * padding, paddedHeight = height + 2 * padding;
        for (int c = 0; c < channels; c++)
        {
            for (int i = 0; i < height; i++)
            {
                new ReadOnlySpan<float>(padded + ((long)c * paddedHeight + i + padding) * paddedWidth + padding, width)
                    .CopyTo(new Span<float>(x + ((long)c * height + i) * width, width));
            }
        }
    }
}
