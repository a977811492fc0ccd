using System;
using System.Globalization;

namespace Butterfly;

/// <summary>
/// Moves each training image by a random whole number of pixels, up to <see cref="MaxPixels"/> in each direction
/// (uniform over the <c>(2·MaxPixels + 1)²</c> moves, including none), filling the uncovered border with zeros. Every
/// channel moves alike. A digit moved by a pixel or two is still the same digit, and a network trained on moved
/// digits leans less on exactly where the strokes fall (the classic augmentation for MNIST).
/// </summary>
public sealed class RandomShift : Augmentation
{
    /// <summary>An augmentation that moves images of <paramref name="channels"/> × <paramref name="height"/> × <paramref name="width"/> floats (channels first).</summary>
    /// <param name="channels">Channels per image; positive.</param>
    /// <param name="height">Rows per channel; positive.</param>
    /// <param name="width">Columns per row; positive.</param>
    /// <param name="maxPixels">The largest move in each direction; at least 0 and less than both the height and the width.</param>
    public RandomShift(int channels, int height, int width, int maxPixels)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegative(maxPixels);
        if (maxPixels >= Math.Min(height, width))
        {
            throw new ArgumentOutOfRangeException(nameof(maxPixels), maxPixels, $"maxPixels must be less than the image's height ({height}) and width ({width}).");
        }

        Channels = channels;
        Height = height;
        Width = width;
        MaxPixels = maxPixels;
    }

    /// <summary>Channels per image.</summary>
    public int Channels { get; }

    /// <summary>Rows per channel.</summary>
    public int Height { get; }

    /// <summary>Columns per row.</summary>
    public int Width { get; }

    /// <summary>The largest move in each direction, in pixels.</summary>
    public int MaxPixels { get; }

    /// <inheritdoc/>
    public override string? Mismatch(int sampleLength) =>
        sampleLength == Channels * Height * Width ? null
        : $"The samples have {sampleLength} values, but the random shift moves images of {Channels} × {Height} × {Width} = {Channels * Height * Width}.";

    /// <inheritdoc/>
    public override void Apply(Span<float> sample, ulong randomBits)
    {
        int moves = 2 * MaxPixels + 1;
        int down = (int)((uint)randomBits % (uint)moves) - MaxPixels;
        int right = (int)((uint)(randomBits >> 32) % (uint)moves) - MaxPixels;
        for (int c = 0; c < Channels; c++)
        {
            Move(sample.Slice(c * Height * Width, Height * Width), down, right);
        }
    }

    /// <inheritdoc/>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"random shift of {Channels}x{Height}x{Width} images by up to {MaxPixels} pixel(s)");

    /// <summary><c>plane[y, x] = old[y − down, x − right]</c>, zero where that is outside the image; in place.</summary>
    private void Move(Span<float> plane, int down, int right)
    {
        int kept = Width - Math.Abs(right);
        int to = Math.Max(right, 0);
        int from = Math.Max(-right, 0);

        // Moving down, fill the rows from the bottom up (and moving up, from the top down), so that each row is read
        // before it is overwritten.
        for (int i = 0; i < Height; i++)
        {
            int y = down > 0 ? Height - 1 - i : i;
            var row = plane.Slice(y * Width, Width);
            int source = y - down;
            if (source < 0 || source >= Height)
            {
                row.Clear();
                continue;
            }

            // CopyTo handles the overlap when the source is this same row.
            plane.Slice(source * Width + from, kept).CopyTo(row.Slice(to));
            row[..to].Clear();
            row[(to + kept)..].Clear();
        }
    }
}
