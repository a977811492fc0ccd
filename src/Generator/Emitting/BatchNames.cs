using Butterfly.Generator.Planning;

namespace Butterfly.Generator.Emitting;

/// <summary>
/// The names the batch methods (<c>Forward</c>, <c>Backward</c>, <c>Backpropagate</c>) give a layer's spans:
/// <c>yN</c> is layer N's output (N from 1), <c>dyN</c> its <c>dE/dy</c>; the first layer reads the caller's <c>inputs</c>.
/// </summary>
internal static class BatchNames
{
    public static string Input(LayerPlan layer) => layer.Index == 0 ? "inputs" : $"y{layer.Index}";

    public static string Output(LayerPlan layer) => $"y{layer.Index + 1}";

    public static string Gradient(LayerPlan layer) => $"dy{layer.Index + 1}";
}
