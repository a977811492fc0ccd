using System;
using ScottPlot;

namespace Butterfly.Samples.Mnist;

/// <summary>Grey 28×28 images in a grid, such as a machine's filters or the states of its Gibbs chains.</summary>
internal static class TileChart
{
    private const int Side = 28;
    private const int Gap = 2;

    /// <summary>
    /// Draws <paramref name="rows"/> × <paramref name="columns"/> tiles into a PNG at <paramref name="path"/>; tile
    /// <c>(r, c)</c> is <c>tile(r, c)</c>, 784 values shown from black (the tile's minimum, or 0 when
    /// <paramref name="scalePerTile"/> is false) to white (its maximum, or 1).
    /// </summary>
    public static void Save(int rows, int columns, Func<int, int, ReadOnlyMemory<float>> tile, bool scalePerTile, string title, string path, string? rowLabel = null, Func<int, string>? rowName = null)
    {
        int height = rows * (Side + Gap) + Gap, width = columns * (Side + Gap) + Gap;
        var pixels = new double[height, width];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                pixels[y, x] = 0.5;
            }
        }

        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                var values = tile(r, c).Span;
                float low = 0f, high = 1f;
                if (scalePerTile)
                {
                    low = float.MaxValue;
                    high = float.MinValue;
                    foreach (float value in values)
                    {
                        low = Math.Min(low, value);
                        high = Math.Max(high, value);
                    }
                }

                double range = Math.Max(high - low, 1e-12);
                for (int i = 0; i < Side * Side; i++)
                {
                    pixels[Gap + r * (Side + Gap) + i / Side, Gap + c * (Side + Gap) + i % Side] = Math.Clamp((values[i] - low) / range, 0, 1);
                }
            }
        }

        var plot = new Plot();
        var heatmap = plot.Add.Heatmap(pixels);
        heatmap.Colormap = new ScottPlot.Colormaps.Grayscale();
        heatmap.ManualRange = new ScottPlot.Range(0, 1);
        heatmap.Rectangle = new CoordinateRect(0, width, 0, height);
        plot.Axes.SetLimits(0, width, 0, height);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.EmptyTickGenerator();
        var left = new ScottPlot.TickGenerators.NumericManual();
        if (rowName is not null)
        {
            for (int r = 0; r < rows; r++)
            {
                left.AddMajor(height - Gap - r * (Side + Gap) - Side / 2.0, rowName(r));
            }
        }

        plot.Axes.Left.TickGenerator = left;
        if (rowLabel is not null)
        {
            plot.YLabel(rowLabel);
        }

        plot.Title(title);
        int scale = Math.Max(2, 900 / width);
        plot.SavePng(path, width * scale + (rowName is null ? 40 : 160), height * scale + 80);
    }
}
