using System.Collections.Generic;
using System.Linq;
using Butterfly.Generator.Planning;

namespace Butterfly.Generator.Emitting;

/// <summary>
/// The names the batch methods (<c>Forward</c>, <c>Backward</c>, <c>Backpropagate</c>) give a layer's spans:
/// <c>yN</c> is layer N's output (N from 1), <c>dyN</c> its <c>dE/dy</c>; a layer that reads the network's input reads the caller's <c>inputs</c>.
/// </summary>
internal static class BatchNames
{
    public static string Input(LayerPlan layer) => OutputOf(layer.Source);

    /// <summary>Every operand's span: the first's, then a merge's others.</summary>
    public static IReadOnlyList<string> Operands(LayerPlan layer) => layer.Sources.Select(OutputOf).ToList();

    /// <summary>The span holding <paramref name="source"/>'s output; the caller's <c>inputs</c> for null, the network's input.</summary>
    public static string OutputOf(LayerPlan? source) => source is null ? "inputs" : Output(source);

    public static string Output(LayerPlan layer) => $"y{layer.Index + 1}";

    public static string Gradient(LayerPlan layer) => $"dy{layer.Index + 1}";
}
