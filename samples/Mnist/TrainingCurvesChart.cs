using System;
using System.Collections.Generic;
using System.Linq;
using ScottPlot;

namespace Butterfly.Samples.Mnist;

/// <summary>The training curves: loss and accuracy per epoch, for the training, validation and test sets, side by side.</summary>
internal static class TrainingCurvesChart
{
    /// <summary>Draws <paramref name="history"/> into a PNG at <paramref name="path"/>.</summary>
    public static void Save(IReadOnlyList<EpochReport> history, string title, string path)
    {
        if (history.Count == 0)
        {
            throw new ArgumentException("history must hold at least one epoch to draw.", nameof(history));
        }

        double[] epochs = history.Select(report => (double)report.Epoch).ToArray();
        var multiplot = new Multiplot();
        multiplot.AddPlots(2);
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Columns();
        var loss = multiplot.GetPlot(0);
        var accuracy = multiplot.GetPlot(1);

        // The scored training loss compares like with like (final weights of the epoch); the running mean over the
        // epoch's steps is what the network saw while it learned.
        Series(loss, epochs, history.Select(r => (double?)r.TrainLoss), "train (running mean over steps)", Colors.Gray, LinePattern.Dashed);
        Series(loss, epochs, history.Select(r => (double?)r.Train?.Loss), "train", Colors.Blue, LinePattern.Solid);
        Series(loss, epochs, history.Select(r => (double?)r.Validation?.Loss), "validation", Colors.Green, LinePattern.Solid);
        Series(loss, epochs, history.Select(r => (double?)r.Test?.Loss), "test", Colors.OrangeRed, LinePattern.Solid);
        Series(accuracy, epochs, history.Select(r => Percent(r.Train?.Accuracy)), "train", Colors.Blue, LinePattern.Solid);
        Series(accuracy, epochs, history.Select(r => Percent(r.Validation?.Accuracy)), "validation", Colors.Green, LinePattern.Solid);
        Series(accuracy, epochs, history.Select(r => Percent(r.Test?.Accuracy)), "test", Colors.OrangeRed, LinePattern.Solid);

        Style(loss, $"Loss (cross-entropy) - {title}", "loss per sample", epochs.Length);
        Style(accuracy, $"Accuracy - {title}", "accuracy (%)", epochs.Length);
        loss.ShowLegend(Alignment.UpperRight);
        accuracy.ShowLegend(Alignment.LowerRight);
        multiplot.SavePng(path, 1400, 560);
    }

    private static double? Percent(float? fraction) => fraction * 100.0;

    private static void Series(Plot plot, double[] epochs, IEnumerable<double?> values, string label, Color color, LinePattern pattern)
    {
        var points = epochs.Zip(values).Where(pair => pair.Second.HasValue).ToArray();
        if (points.Length == 0)
        {
            return;
        }

        var scatter = plot.Add.Scatter(points.Select(p => p.First).ToArray(), points.Select(p => p.Second!.Value).ToArray(), color);
        scatter.LegendText = label;
        scatter.LineWidth = 2;
        scatter.LinePattern = pattern;
        scatter.MarkerSize = 6;
    }

    private static void Style(Plot plot, string title, string yLabel, int epochs)
    {
        plot.Title(title);
        plot.XLabel("epoch");
        plot.YLabel(yLabel);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.Axes.SetLimitsX(0.5, epochs + 0.5);
    }
}
