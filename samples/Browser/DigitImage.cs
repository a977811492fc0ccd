using System;

namespace Butterfly.Samples.Browser;

/// <summary>
/// Puts a drawn digit where MNIST puts its digits, so that the network sees what it was trained on: the ink's
/// bounding box scaled to fit 20×20 pixels (keeping its aspect), then moved so that its center of mass is the
/// center of the 28×28 image (LeCun et al.'s preprocessing of MNIST).
/// </summary>
internal static class DigitImage
{
    public const int Side = 28;
    private const int Box = 20;
    private const float Ink = 0.05f;

    /// <summary>Writes the normalized image of <paramref name="drawn"/> (28×28, row-major) to <paramref name="image"/>.</summary>
    public static void Normalize(ReadOnlySpan<float> drawn, Span<float> image)
    {
        image.Clear();
        int top = Side, bottom = -1, left = Side, right = -1;
        for (int y = 0; y < Side; y++)
        {
            for (int x = 0; x < Side; x++)
            {
                if (drawn[y * Side + x] > Ink)
                {
                    (top, bottom, left, right) = (Math.Min(top, y), Math.Max(bottom, y), Math.Min(left, x), Math.Max(right, x));
                }
            }
        }

        if (bottom < 0)
        {
            return;
        }

        int height = bottom - top + 1, width = right - left + 1;
        float scale = (float)Box / Math.Max(height, width);
        int scaledHeight = Math.Max(1, (int)MathF.Round(height * scale)), scaledWidth = Math.Max(1, (int)MathF.Round(width * scale));
        Span<float> scaled = stackalloc float[Box * Box];
        float mass = 0, rowMoment = 0, columnMoment = 0;
        for (int v = 0; v < scaledHeight; v++)
        {
            for (int u = 0; u < scaledWidth; u++)
            {
                float value = Bilinear(drawn, top + ((v + 0.5f) / scale) - 0.5f, left + ((u + 0.5f) / scale) - 0.5f);
                scaled[v * Box + u] = value;
                mass += value;
                rowMoment += value * v;
                columnMoment += value * u;
            }
        }

        // Whole-pixel shifts, as MNIST's own centering; the box stays inside the image.
        int rowShift = Math.Clamp((int)MathF.Round((Side / 2f) - 0.5f - (rowMoment / mass)), 0, Side - scaledHeight);
        int columnShift = Math.Clamp((int)MathF.Round((Side / 2f) - 0.5f - (columnMoment / mass)), 0, Side - scaledWidth);
        for (int v = 0; v < scaledHeight; v++)
        {
            scaled.Slice(v * Box, scaledWidth).CopyTo(image.Slice(((v + rowShift) * Side) + columnShift));
        }
    }

    private static float Bilinear(ReadOnlySpan<float> image, float y, float x)
    {
        y = Math.Clamp(y, 0, Side - 1);
        x = Math.Clamp(x, 0, Side - 1);
        int y0 = (int)y, x0 = (int)x;
        int y1 = Math.Min(y0 + 1, Side - 1), x1 = Math.Min(x0 + 1, Side - 1);
        float fy = y - y0, fx = x - x0;
        float upper = (image[y0 * Side + x0] * (1 - fx)) + (image[y0 * Side + x1] * fx);
        float lower = (image[y1 * Side + x0] * (1 - fx)) + (image[y1 * Side + x1] * fx);
        return (upper * (1 - fy)) + (lower * fy);
    }
}
