using System.Globalization;
using System.Linq;
using System.Text;
using Butterfly.Generator.Model;
using Butterfly.Generator.Planning;

namespace Butterfly.Generator.Emitting;

/// <summary>The Keras-style table of a network: layer, output shape and parameter count.</summary>
internal static class Summary
{
    public static string Of(NetworkPlan plan)
    {
        var rows = new[] { ("input (Input)", plan.Spec.Input.ToString(), 0) }
            .Concat(plan.Layers.Select(l => ($"{l.Name} ({l.Kind.Name})", l.OutputShape.ToString(), l.ParameterCount)))
            .ToList();
        const string LayerHeader = "Layer (type)", ShapeHeader = "Output shape", CountHeader = "Parameters";
        int layerWidth = rows.Select(r => r.Item1.Length).Append(LayerHeader.Length).Max() + 3;
        int shapeWidth = rows.Select(r => r.Item2.Length).Append(ShapeHeader.Length).Max() + 3;
        int countWidth = rows.Select(r => Count(r.Item3).Length).Append(CountHeader.Length).Max();
        string rule = new('=', layerWidth + shapeWidth + countWidth);

        var text = new StringBuilder();
        text.Append(LayerHeader.PadRight(layerWidth)).Append(ShapeHeader.PadRight(shapeWidth)).Append(CountHeader.PadLeft(countWidth)).Append('\n');
        text.Append(rule).Append('\n');
        foreach (var (layer, shape, count) in rows)
        {
            text.Append(layer.PadRight(layerWidth)).Append(shape.PadRight(shapeWidth)).Append(Count(count).PadLeft(countWidth)).Append('\n');
        }

        text.Append(rule).Append('\n');
        text.Append("Total parameters: ").Append(Count(plan.ParameterCount)).Append('\n');
        text.Append("Predict scratch: ").Append(Count(plan.PredictScratchFloats * sizeof(float))).Append(" bytes")
            .Append(NetworkEmitter.PredictScratchOnStack(plan) ? " (stack)" : " (per-thread buffer)").Append('\n');
        var split = plan.Layers.Where(l => l.PredictSplits).Select(l => l.Name).ToList();
        text.Append("Predict threads: ").Append(split.Count == 0
            ? "the calling thread only"
            : $"up to Parallelism.PredictThreadCount in {string.Join(", ", split)}, the calling thread elsewhere").Append('\n');
        var channelsLast = plan.Layers.Where(l => l.PredictChannelsLast).Select(l => l.Name).ToList();
        if (channelsLast.Count > 0)
        {
            text.Append("Predict images channels-last, with zero borders, in ").Append(string.Join(", ", channelsLast)).Append('\n');
        }

        text.Append("Loss: ").Append(plan.Spec.Loss == LossKind.CrossEntropy ? $"cross-entropy ({plan.Output.Kind.CrossEntropy?.Output ?? "softmax output"})" : "mean squared error");
        return text.ToString();
    }

    private static string Count(int count) => count.ToString("N0", CultureInfo.InvariantCulture);
}
