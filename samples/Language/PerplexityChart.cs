using System.Collections.Generic;
using System.Linq;
using ScottPlot;

namespace Butterfly.Samples.Language;

/// <summary>Both networks' test perplexity per epoch, in one PNG.</summary>
internal static class PerplexityChart
{
    public static void Save(IReadOnlyList<(string Name, IReadOnlyList<EpochFigures> History)> runs, double unigram, string path)
    {
        var plot = new Plot();
        Color[] colors = [Colors.OrangeRed, Colors.Blue];
        int epochs = runs.Max(r => r.History.Count);
        for (int i = 0; i < runs.Count; i++)
        {
            var history = runs[i].History;
            var scatter = plot.Add.Scatter(history.Select(f => (double)f.Epoch).ToArray(), history.Select(f => f.TestPerplexity).ToArray(), colors[i % colors.Length]);
            scatter.LegendText = runs[i].Name;
            scatter.LineWidth = 2;
            scatter.MarkerSize = 7;
        }

        var line = plot.Add.HorizontalLine(unigram / 3, 1, Colors.Gray, LinePattern.Dashed);
        line.LegendText = $"a third of the unigram model's ({unigram / 3:F0})";
        plot.Title("King James Bible, next word: test perplexity");
        plot.XLabel("epoch");
        plot.YLabel("test perplexity");
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.Axes.SetLimitsX(0.5, epochs + 0.5);
        plot.ShowLegend(Alignment.UpperRight);
        plot.SavePng(path, 900, 560);
    }
}
