using System;
using System.Globalization;
using ScottPlot;

namespace Butterfly.Samples.Mnist;

/// <summary>The test confusion matrix as a heat map: true digit down, predicted digit across, the count in each cell.</summary>
internal static class ConfusionMatrixChart
{
    /// <summary>Draws <paramref name="counts"/> ([true, predicted]) into a PNG at <paramref name="path"/>.</summary>
    public static void Save(int[,] counts, string title, string path)
    {
        int classes = counts.GetLength(0);
        if (classes == 0 || counts.GetLength(1) != classes)
        {
            throw new ArgumentException("counts must be a square matrix of at least one class.", nameof(counts));
        }

        // Colour by log(1 + count): the diagonal holds about a thousand per digit and the mistakes a handful, and a
        // linear scale would paint every mistake the same pale colour.
        var intensities = new double[classes, classes];
        double largest = 0;
        int total = 0, correct = 0;
        for (int truth = 0; truth < classes; truth++)
        {
            for (int predicted = 0; predicted < classes; predicted++)
            {
                int count = counts[truth, predicted];
                intensities[truth, predicted] = Math.Log10(1 + count);
                largest = Math.Max(largest, intensities[truth, predicted]);
                total += count;
                correct += truth == predicted ? count : 0;
            }
        }

        var plot = new Plot();
        var heatmap = plot.Add.Heatmap(intensities);

        // ScottPlot's Blues runs from dark to light; reversed, few is pale and many is dark.
        heatmap.Colormap = new ScottPlot.Colormaps.Reversed(new ScottPlot.Colormaps.Blues());

        // Row 0 is drawn at the top; with these outer edges cell (r, c) spans x in [c, c + 1] and
        // y in [classes - r - 1, classes - r].
        heatmap.Rectangle = new CoordinateRect(0, classes, 0, classes);
        for (int truth = 0; truth < classes; truth++)
        {
            for (int predicted = 0; predicted < classes; predicted++)
            {
                var text = plot.Add.Text(counts[truth, predicted].ToString(CultureInfo.InvariantCulture), predicted + 0.5, classes - truth - 0.5);
                text.Alignment = Alignment.MiddleCenter;
                text.LabelFontSize = 15;
                text.LabelBold = truth == predicted;
                text.LabelFontColor = intensities[truth, predicted] > largest * 0.6 ? Colors.White : Colors.Black;
            }
        }

        var columns = new ScottPlot.TickGenerators.NumericManual();
        var rows = new ScottPlot.TickGenerators.NumericManual();
        for (int c = 0; c < classes; c++)
        {
            columns.AddMajor(c + 0.5, c.ToString(CultureInfo.InvariantCulture));
            rows.AddMajor(classes - c - 0.5, c.ToString(CultureInfo.InvariantCulture));
        }

        plot.Axes.Bottom.TickGenerator = columns;
        plot.Axes.Left.TickGenerator = rows;
        plot.Axes.SetLimits(0, classes, 0, classes);
        plot.XLabel("predicted digit");
        plot.YLabel("true digit");
        plot.Title(string.Create(
            CultureInfo.InvariantCulture,
            $"Test confusion matrix - {title}: {correct:N0} of {total:N0} right ({(double)correct / total:P2})"));
        // The colour bar is labelled in counts, at the log positions the colours use.
        var bar = plot.Add.ColorBar(heatmap);
        bar.Label = "count (log scale)";
        var scale = new ScottPlot.TickGenerators.NumericManual();
        for (int count = 1; Math.Log10(1 + count) <= largest + 1e-9 || count == 1; count *= 10)
        {
            scale.AddMajor(Math.Log10(1 + count), count.ToString("N0", CultureInfo.InvariantCulture));
        }

        scale.AddMajor(0, "0");
        bar.Axis.TickGenerator = scale;
        plot.SavePng(path, 820, 740);
    }
}
