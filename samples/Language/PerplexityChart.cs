using System.Collections.Generic;
using System.Linq;
using ScottPlot;

namespace Butterfly.Samples.Language;

/// <summary>Both networks' test perplexity as they train (scored every tenth of an epoch), in one PNG.</summary>
internal static class PerplexityChart
{
    public static void Save(IReadOnlyList<(string Name, IReadOnlyList<EpochFigures> History)> runs, double unigram, string path)
    {
        var plot = new Plot();
        Color[] colors = [Colors.OrangeRed, Colors.Blue];
        int epochs = runs.Max(r => r.History.Count);

        // The first scores of an epoch can be far above the rest; the chart shows up to the unigram model's level.
        double perplexityTop = unigram * 1.05;
        for (int i = 0; i < runs.Count; i++)
        {
            var history = runs[i].History;
            var epochsTrained = history.SelectMany(f => f.PartPerplexities.Select((_, p) => f.Epoch - 1 + (p + 1.0) / f.PartPerplexities.Length)).ToArray();
            var perplexities = history.SelectMany(f => f.PartPerplexities).ToArray();
            var scatter = plot.Add.Scatter(epochsTrained, perplexities, colors[i % colors.Length]);
            scatter.LegendText = runs[i].Name;
            scatter.LineWidth = 2;
            scatter.MarkerSize = 5;
        }

        var line = plot.Add.HorizontalLine(unigram / 3, 1, Colors.Gray, LinePattern.Dashed);
        line.LegendText = $"a third of the unigram model's ({unigram / 3:F0})";
        plot.Title("King James Bible, next word: test perplexity");
        plot.XLabel("epoch");
        plot.YLabel("test perplexity");
        plot.Axes.SetLimitsX(0, epochs + 0.05);
        plot.Axes.SetLimitsY(0, perplexityTop);
        plot.ShowLegend(Alignment.UpperRight);
        plot.SavePng(path, 900, 560);
    }
}
