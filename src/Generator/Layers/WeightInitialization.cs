using Butterfly.Generator.Emitting;

namespace Butterfly.Generator.Layers;

/// <summary>
/// The one rule for a weighted layer's starting weights (docs/layers.md states it): He normal, <c>N(0, 2 / fanIn)</c>,
/// when the layer right after it, reading only its output, is a rectifier (<see cref="LayerKind.IsRectifier"/>);
/// otherwise Glorot uniform, <c>U(-a, a)</c> with <c>a = sqrt(6 / (fanIn + fanOut))</c>. Biases start at zero.
/// </summary>
internal static class WeightInitialization
{
    /// <summary>
    /// Emits the initialization of <paramref name="layer"/>'s weights (its parameter 0), under the comment
    /// <paramref name="he"/> or <paramref name="glorot"/> (the layer's own wording of its fans).
    /// </summary>
    public static void Emit(CodeWriter writer, LayerEmission layer, int fanIn, int fanOut, string he, string glorot)
    {
        if (layer.Layer.Next?.Kind.IsRectifier == true)
        {
            writer.Comment(he);
            writer.Line($"global::Butterfly.Initializers.HeNormal({layer.Parameter(0)}, {fanIn}, random);");
        }
        else
        {
            writer.Comment(glorot);
            writer.Line($"global::Butterfly.Initializers.GlorotUniform({layer.Parameter(0)}, {fanIn}, {fanOut}, random);");
        }
    }
}
