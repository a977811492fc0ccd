using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Butterfly.Generator.Model;
using Butterfly.Generator.Planning;

namespace Butterfly.Generator.Emitting;

/// <summary>
/// Writes <c>s_structure</c>, the network's layers as data for the runtime (<c>Butterfly.NetworkStructure</c>): each
/// layer's kind, arguments by name, shapes, operands (layer indices, -1 for the input) and parameter tensors (a range of
/// <c>s_parameterBlocks</c>). The quantizer and the ONNX exporter read it, so the runtime never parses the signature.
/// </summary>
internal static class NetworkStructureEmitter
{
    public static void Emit(CodeWriter writer, NetworkPlan plan)
    {
        writer.Comment("The layers as data for the runtime (quantizer, ONNX export): kind, arguments, shapes, operands (-1: the input),\nparameter tensors as a range of s_parameterBlocks.");
        writer.Line("private static readonly global::Butterfly.NetworkStructure s_structure = new(");
        writer.Line($"    {Ints(plan.Spec.Input.Dimensions)},");
        writer.Line($"    vocabulary: {plan.Spec.Vocabulary},");
        writer.Line($"    inputName: {Name(plan.Spec.InputName)},");
        writer.Line("    [");
        int block = 0;
        foreach (var layer in plan.Layers)
        {
            string arguments = "[" + string.Join(", ", layer.Spec.Arguments.Select(a => $"new({Literals.String(a.Name)}, {Double(a.Value)})")) + "]";
            var sources = layer.Sources.Select(s => s?.Index ?? -1);
            writer.Line(
                $"        new({Literals.String(layer.Name)}, {Literals.String(layer.Kind.Name)}, {arguments}, " +
                $"{Ints(layer.InputShape.Dimensions)}, {Ints(layer.OutputShape.Dimensions)}, sources: {Ints(sources)}, " +
                $"firstBlock: {block}, blockCount: {layer.Parameters.Count}, declaredName: {Name(layer.Spec.Name)}),");
            block += layer.Parameters.Count;
        }

        writer.Line("    ]);");
        writer.Line();
    }

    private static string Ints(IEnumerable<int> values) => "[" + string.Join(", ", values) + "]";

    private static string Name(string? name) => name is null ? "null" : Literals.String(name);

    /// <summary>
    /// A literal that reads back exactly: arguments are ints or floats widened to double, finite except a clamp's open
    /// bound.
    /// </summary>
    private static string Double(double value) =>
        double.IsPositiveInfinity(value) ? "double.PositiveInfinity"
        : double.IsNegativeInfinity(value) ? "double.NegativeInfinity"
        : value.ToString("R", CultureInfo.InvariantCulture);
}
