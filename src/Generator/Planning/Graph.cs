using System.Collections.Generic;
using System.Linq;
using Butterfly.Generator.Diagnostics;
using Butterfly.Generator.Model;

namespace Butterfly.Generator.Planning;

/// <summary>
/// The network as a graph: which outputs each layer reads, who reads each output, which layers the output depends
/// on, and how backward sums the gradient of an output that several layers read. A straight stack is the graph in
/// which every layer reads the one before it.
/// </summary>
internal static class Graph
{
    /// <summary>
    /// Each layer's operands as layer indices (-1: the network's input): the named <see cref="LayerSpec.From"/> or else
    /// the layer before, then a merge's <see cref="LayerSpec.Merged"/>. Null, with <paramref name="errors"/> saying why,
    /// when a name is invalid, declared twice, unknown, or not declared before the layer that reads it.
    /// </summary>
    public static List<int[]>? ResolveSources(NetworkSpec spec, string networkName, List<PlanError> errors, System.Func<string, Layers.LayerKind> findKind)
    {
        int before = errors.Count;
        var declaredAt = new Dictionary<string, int>();
        if (spec.InputName is { } inputName)
        {
            if (!IsValidName(inputName))
            {
                errors.Add(new PlanError(-1, DiagnosticDescriptors.InvalidLayerName, [inputName]));
            }

            declaredAt[inputName] = -1;
        }

        for (int i = 0; i < spec.Layers.Count; i++)
        {
            if (spec.Layers[i].Name is not { } name)
            {
                continue;
            }

            if (!IsValidName(name))
            {
                // Still declared, so that the layers reading it report nothing more.
                errors.Add(new PlanError(i, DiagnosticDescriptors.InvalidLayerName, [name]));
            }

            if (declaredAt.TryGetValue(name, out int first))
            {
                errors.Add(new PlanError(i, DiagnosticDescriptors.DuplicateLayerName, [name, Describe(spec, first), Describe(spec, i)]));
            }
            else
            {
                declaredAt[name] = i;
            }
        }

        var sources = new List<int[]>(spec.Layers.Count);
        for (int i = 0; i < spec.Layers.Count; i++)
        {
            var layer = spec.Layers[i];
            var operands = new List<int> { layer.From is { } from ? Find(i, from, atFrom: true) : i - 1 };
            if (findKind(layer.Kind).IsMerge && layer.Merged.Count == 0)
            {
                errors.Add(new PlanError(i, DiagnosticDescriptors.NothingToMerge, [Describe(spec, i), layer.Kind]));
            }

            operands.AddRange(layer.Merged.Select(name => Find(i, name, atFrom: false)));
            sources.Add(operands.ToArray());
        }

        return errors.Count > before ? null : sources;

        int Find(int reader, string name, bool atFrom)
        {
            if (!declaredAt.TryGetValue(name, out int index))
            {
                errors.Add(new PlanError(reader, DiagnosticDescriptors.UnknownLayerName, [Describe(spec, reader), name, networkName]) { AtFrom = atFrom });
            }
            else if (index >= reader)
            {
                errors.Add(new PlanError(reader, DiagnosticDescriptors.LaterLayerName, [Describe(spec, reader), name, Describe(spec, index)]) { AtFrom = atFrom });
            }

            return index;
        }
    }

    /// <summary>A name is an identifier-like token that a signature can carry: letters, digits and <c>_ . - /</c>.</summary>
    public static bool IsValidName(string name) =>
        name.Length > 0 && (char.IsLetter(name[0]) || name[0] == '_') && name.All(c => char.IsLetterOrDigit(c) || c is '_' or '.' or '-' or '/');

    /// <summary>A layer as messages name it: <c>[Add(stem)] (layer 3)</c>; the input for -1.</summary>
    public static string Describe(NetworkSpec spec, int index) =>
        index < 0 ? "[Input]" : Describe(spec.Layers[index], index);

    private static string Describe(LayerSpec layer, int index) => $"[{layer.Declaration()}] (layer {index + 1})";

    /// <summary>How messages name operand <paramref name="source"/>: its declared name, else the Keras-style name of its layer.</summary>
    public static string OperandName(NetworkSpec spec, int source, string? declared, IReadOnlyList<LayerPlan> planned) =>
        declared ?? (source < 0 ? spec.InputName ?? "input" : planned[source].Spec.Name ?? planned[source].Name);

    /// <summary>
    /// Fills in who reads what: <see cref="LayerPlan.Readers"/>, the chain of <see cref="LayerPlan.Next"/> (along which
    /// <see cref="Lowering"/> joins layers), <see cref="LayerPlan.ReachesOutput"/>, and a warning for every output but the
    /// last that nothing reads.
    /// </summary>
    public static void Connect(List<LayerPlan> layers, List<PlanError> errors)
    {
        var readers = layers.Select(_ => new List<LayerPlan>()).ToList();
        foreach (var layer in layers)
        {
            foreach (var source in layer.Sources.Where(s => s is not null).Distinct())
            {
                readers[source!.Index].Add(layer);
            }
        }

        for (int i = 0; i < layers.Count; i++)
        {
            var layer = layers[i];
            layer.Readers = readers[i];
            layer.IsOutput = i == layers.Count - 1;
            if (!layer.IsOutput && readers[i].Count == 0)
            {
                errors.Add(new PlanError(i, DiagnosticDescriptors.UnreadOutput, [Describe(layer.Spec, i)]));
            }

            // One reader, declared next, reading only this output (once): the two may be computed in one call.
            if (readers[i].Count == 1 && readers[i][0] is var next && next.Index == i + 1 && next.Sources.Count == 1)
            {
                layer.Next = next;
            }
        }

        layers[layers.Count - 1].ReachesOutput = true;
        for (int i = layers.Count - 1; i >= 0; i--)
        {
            if (layers[i].ReachesOutput)
            {
                foreach (var source in layers[i].Sources)
                {
                    source?.ReachesOutput = true;
                }
            }
        }
    }

    /// <summary>
    /// Decides, for every operand of every layer backward visits, whether its <c>dE/dx</c> is written or added: backward
    /// goes from the last layer to the first, and within a merge from its first operand to its last, and the first of an
    /// output's readers it meets writes, the others add (through the gradient-sum region).
    /// </summary>
    /// <returns>Floats per sample of the gradient-sum region: the widest output (or input) that several readers feed back.</returns>
    public static int PlanGradientSums(List<LayerPlan> layers, Shape input)
    {
        var written = new HashSet<int>();
        int widest = 0;
        for (int i = layers.Count - 1; i >= 0; i--)
        {
            var layer = layers[i];
            var accumulates = new bool[layer.Sources.Count];
            for (int k = 0; k < accumulates.Length && layer.ReachesOutput; k++)
            {
                var source = layer.Sources[k];
                accumulates[k] = !written.Add(source?.Index ?? -1);
                if (accumulates[k])
                {
                    widest = System.Math.Max(widest, source?.OutputLength ?? (int)input.Length);
                }
            }

            layer.OperandAccumulates = accumulates;
        }

        return widest;
    }

    /// <summary>
    /// Gives the first operand of a layer that <see cref="Layers.LayerKind.PassesGradientToFirstOperand"/> the layer's own
    /// gradient region, where that operand's <c>dE/dx</c> is written (not added) by this layer: <c>dE/dx</c> is then
    /// <c>dE/dy</c> where it lies. Safe because the layer's <c>dE/dy</c> is complete before its backward rule runs and
    /// nothing reads it after; other readers of the operand add their shares to it there. Goes from the last layer to the
    /// first, so that a chain of such layers shares one region.
    /// </summary>
    public static void ShareGradients(List<LayerPlan> layers)
    {
        for (int i = layers.Count - 1; i >= 0; i--)
        {
            var layer = layers[i];
            if (layer.ReachesOutput && layer.Kind.PassesGradientToFirstOperand && layer.Sources[0] is { } first && !layer.OperandAccumulates[0])
            {
                first.GradientOffset = layer.GradientOffset;
            }
        }
    }
}
