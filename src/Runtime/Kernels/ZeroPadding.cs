using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

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
    public static void Pad(float* x, float* padded, int channels, int height, int width, int padding) =>
        PadRows(x, padded, channels, height, width, padding, 0, height + 2 * padding);

    /// <summary>
    /// Rows [<paramref name="first"/>, <paramref name="first"/> + <paramref name="rows"/>) of every plane of the padded copy:
    /// <c>band[c, r, j] = padded[c, first + r, j]</c>, <c>C·rows·(W + 2p)</c> floats. A thread that computes a band of a
    /// convolution's output rows pads only the input rows its windows read.
    /// </summary>
    public static void PadRows(float* x, float* band, int channels, int height, int width, int padding, int first, int rows)
    {
        if (Simd.Path == SimdPath.Vector512)
        {
            PadRows512(x, band, channels, height, width, padding, first, rows);
            return;
        }

        if (Simd.Path == SimdPath.Vector256)
        {
            PadRows256(x, band, channels, height, width, padding, first, rows);
            return;
        }

        int paddedWidth = width + 2 * padding;
        for (int c = 0; c < channels; c++)
        {
            for (int r = 0; r < rows; r++)
            {
                float* row = band + ((long)c * rows + r) * paddedWidth;
                int i = first + r - padding;
                if (i < 0 || i >= height)
                {
                    new Span<float>(row, paddedWidth).Clear();
                    continue;
                }

                new Span<float>(row, padding).Clear();
                new ReadOnlySpan<float>(x + ((long)c * height + i) * width, width).CopyTo(new Span<float>(row + padding, width));
                new Span<float>(row + padding + width, padding).Clear();
            }
        }
    }

    /// <summary>
    /// <see cref="PadRows"/> sixteen floats of a padded row at a time: a masked load of the input row, shifted left by
    /// the padding (the lanes outside the row are neither read nor faulted on, and come out zero), and a masked store.
    /// Rows of a convolution's planes are short (14 to 30 floats), and two calls to clear and copy them cost more.
    /// </summary>
    private static void PadRows512(float* x, float* band, int channels, int height, int width, int padding, int first, int rows)
    {
        int paddedWidth = width + 2 * padding;
        for (int c = 0; c < channels; c++)
        {
            for (int r = 0; r < rows; r++)
            {
                int i = first + r - padding;
                bool inside = i >= 0 && i < height;
                float* row = band + ((long)c * rows + r) * paddedWidth;
                float* source = x + ((long)c * height + i) * width - padding;
                for (int l = 0; l < paddedWidth; l += Vector512<float>.Count)
                {
                    var (stored, read) = Masks(l, paddedWidth, padding, width);
                    PadVector(row + l, source + l, stored, inside ? read : default);
                }
            }
        }
    }

    /// <summary>
    /// <see cref="PadRows"/> eight floats at a time: a masked load of the input row shifted left by the padding (lanes
    /// outside the row neither read nor faulted on, zero), then a plain store, since <c>vmaskmovps</c> stores are slow on
    /// AMD cores. A row's last vector runs on into the next row, which is written after it and overwrites those lanes
    /// (each store starts at most a vector after the one before, so a float's last writer is the store whose row holds
    /// it); only the vector that would pass the band's end is stored under a mask, so nothing outside the band is written.
    /// </summary>
    private static void PadRows256(float* x, float* band, int channels, int height, int width, int padding, int first, int rows)
    {
        int paddedWidth = width + 2 * padding;
        float* last = band + (long)channels * rows * paddedWidth - Vector256<float>.Count;
        var before = Vector256.Create(padding - 1);
        var after = Vector256.Create(padding + width);
        var step = Vector256.Create(Vector256<float>.Count);
        for (int c = 0; c < channels; c++)
        {
            for (int r = 0; r < rows; r++)
            {
                int i = first + r - padding;
                float* row = band + ((long)c * rows + r) * paddedWidth;

                // Columns [0, whole) start a vector that ends inside the band: all of a row's, except in the band's last row.
                int whole = (int)Math.Min(paddedWidth, last - row + 1);
                int l = 0;
                var lanes = Vector256<int>.Indices;
                var tail = Vector256<float>.Zero;
                if (i >= 0 && i < height)
                {
                    // Lane l + k holds input column l + k - p where p <= l + k < p + W.
                    float* source = x + ((long)c * height + i) * width - padding;
                    for (; l < whole; l += Vector256<float>.Count, lanes += step)
                    {
                        Avx.MaskLoad(source + l, Inside(lanes, before, after)).Store(row + l);
                    }

                    if (l < paddedWidth)
                    {
                        tail = Avx.MaskLoad(source + l, Inside(lanes, before, after));
                    }
                }
                else
                {
                    for (; l < whole; l += Vector256<float>.Count)
                    {
                        Vector256<float>.Zero.Store(row + l);
                    }
                }

                if (l < paddedWidth)
                {
                    int room = (int)(last - (row + l)) + Vector256<float>.Count;
                    Avx.MaskStore(row + l, Vector256.GreaterThan(Vector256.Create(room), Vector256<int>.Indices).AsSingle(), tail);
                }
            }
        }
    }

    /// <summary>The lanes whose column is in (<paramref name="before"/>, <paramref name="after"/>): those that hold input.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Inside(Vector256<int> lanes, Vector256<int> before, Vector256<int> after) =>
        (Vector256.GreaterThan(lanes, before) & Vector256.GreaterThan(after, lanes)).AsSingle();

    /// <summary>Which of the sixteen lanes from column <paramref name="l"/> of a padded row are stored, and which hold input.</summary>
    private static (Vector512<float> Stored, Vector512<float> Read) Masks(int l, int paddedWidth, int padding, int width)
    {
        var lanes = Vector512<int>.Indices + Vector512.Create(l);
        var stored = Vector512.LessThan(lanes, Vector512.Create(paddedWidth)).AsSingle();
        var read = (Vector512.GreaterThanOrEqual(lanes, Vector512.Create(padding)) & Vector512.LessThan(lanes, Vector512.Create(padding + width))).AsSingle();
        return (stored, read);
    }

    /// <summary>Stores the lanes of <paramref name="stored"/>: the input's where <paramref name="read"/> is set (the others neither read nor faulted on), zero elsewhere.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void PadVector(float* row, float* source, Vector512<float> stored, Vector512<float> read) =>
        Avx512F.MaskStore(row, stored, Avx512F.MaskLoad(source, read, Vector512<float>.Zero));

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
