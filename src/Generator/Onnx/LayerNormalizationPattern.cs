using System.Collections.Generic;
using System.Linq;

namespace Butterfly.Generator.Onnx;

/// <summary>
/// The subgraph PyTorch exports for layer normalization before opset 17, which has no LayerNormalization operator:
/// <c>m = ReduceMean(x)</c>, <c>d = Sub(x, m)</c>, <c>v = ReduceMean(Pow(d, 2))</c>, <c>n = Div(d, Sqrt(Add(v, ε)))</c>,
/// <c>y = Add(Mul(n, γ), β)</c>, over trailing axes. <see cref="Fold"/> replaces each such chain by one
/// LayerNormalization node in the last node's place, so that it becomes one <c>[LayerNorm]</c>. A chain whose
/// intermediate values something else also reads, or whose reduction is not over trailing axes, is left alone (and
/// then reported as an unsupported operator).
/// </summary>
internal static class LayerNormalizationPattern
{
    public static void Fold(OnnxGraph graph, long opset)
    {
        for (int i = 0; i < graph.Nodes.Count; i++)
        {
            if (Match(graph, graph.Nodes[i], opset) is { } match)
            {
                foreach (var node in match.Nodes.Where(n => n != match.Last))
                {
                    graph.Nodes.Remove(node);
                }

                graph.Nodes[graph.Nodes.IndexOf(match.Last)] = match.Fused;
                i = -1;
            }
        }
    }

    private sealed record Found(List<OnnxNode> Nodes, OnnxNode Last, OnnxNode Fused);

    private static Found? Match(OnnxGraph graph, OnnxNode mean, long opset)
    {
        if (mean.OpType != "ReduceMean" || mean.Inputs.Count == 0 || Axes(graph, mean, opset) is not { } axes)
        {
            return null;
        }

        string x = mean.Inputs[0];
        var sub = Single(graph, mean.Outputs[0], "Sub");
        if (sub is null || sub.Inputs[0] != x || sub.Inputs[1] != mean.Outputs[0])
        {
            return null;
        }

        var readers = Readers(graph, sub.Outputs[0]);
        var pow = readers.FirstOrDefault(n => n.OpType == "Pow");
        var div = readers.FirstOrDefault(n => n.OpType == "Div");
        if (readers.Count != 2 || pow is null || div is null || Scalar(graph, pow.Inputs[1]) != 2f || div.Inputs[0] != sub.Outputs[0])
        {
            return null;
        }

        var variance = Single(graph, pow.Outputs[0], "ReduceMean");
        if (variance is null || Axes(graph, variance, opset) is not { } varianceAxes || !varianceAxes.SequenceEqual(axes))
        {
            return null;
        }

        var add = Single(graph, variance.Outputs[0], "Add");
        string? epsilonName = add?.Inputs.FirstOrDefault(n => n != variance.Outputs[0]);
        if (add is null || epsilonName is null || Scalar(graph, epsilonName) is not { } epsilon)
        {
            return null;
        }

        var sqrt = Single(graph, add.Outputs[0], "Sqrt");
        if (sqrt is null || Single(graph, sqrt.Outputs[0], "Div") != div || div.Inputs[1] != sqrt.Outputs[0])
        {
            return null;
        }

        var mul = Single(graph, div.Outputs[0], "Mul");
        var shift = mul is null ? null : Single(graph, mul.Outputs[0], "Add");
        string? scale = mul?.Inputs.FirstOrDefault(n => n != div.Outputs[0]);
        string? bias = shift?.Inputs.FirstOrDefault(n => n != mul!.Outputs[0]);
        if (mul is null || shift is null || scale is null || bias is null || !IsConstant(graph, scale) || !IsConstant(graph, bias))
        {
            return null;
        }

        var fused = new OnnxNode { Name = shift.Name.Length > 0 ? shift.Name : mean.Name, OpType = "LayerNormalization" };
        fused.Inputs.AddRange([x, scale, bias]);
        fused.Outputs.Add(shift.Outputs[0]);
        fused.Attributes["axis"] = new OnnxAttribute { Name = "axis", I = axes[0] };
        fused.Attributes["epsilon"] = new OnnxAttribute { Name = "epsilon", F = epsilon };
        return new Found([mean, sub, pow, variance, add, sqrt, div, mul, shift], shift, fused);
    }

    /// <summary>The reduction's axes when they are the trailing ones (negative, contiguous, ending at -1) and kept.</summary>
    private static long[]? Axes(OnnxGraph graph, OnnxNode node, long opset)
    {
        if (node.Attributes.TryGetValue("keepdims", out var keep) && keep.I == 0)
        {
            return null;
        }

        long[]? axes = opset >= 18
            ? node.Inputs.Count > 1 ? Tensor(graph, node.Inputs[1])?.Integers : null
            : node.Attributes.TryGetValue("axes", out var attribute) ? attribute.Ints.ToArray() : null;
        if (axes is null || axes.Length == 0)
        {
            return null;
        }

        var sorted = axes.OrderBy(a => a).ToArray();
        for (int k = 0; k < sorted.Length; k++)
        {
            if (sorted[k] != k - sorted.Length)
            {
                return null;
            }
        }

        return sorted;
    }

    private static OnnxNode? Single(OnnxGraph graph, string tensor, string opType)
    {
        var readers = Readers(graph, tensor);
        return readers.Count == 1 && readers[0].OpType == opType && !graph.Outputs.Any(o => o.Name == tensor) ? readers[0] : null;
    }

    private static List<OnnxNode> Readers(OnnxGraph graph, string tensor) => graph.Nodes.Where(n => n.Inputs.Contains(tensor)).ToList();

    private static bool IsConstant(OnnxGraph graph, string name) => Tensor(graph, name) is not null;

    /// <summary>An initializer or a Constant node's value, by name.</summary>
    private static OnnxTensor? Tensor(OnnxGraph graph, string name) =>
        graph.Initializers.FirstOrDefault(t => t.Name == name)
        ?? graph.Nodes.FirstOrDefault(n => n.OpType == "Constant" && n.Outputs.Contains(name))?.Attributes.Values.FirstOrDefault(a => a.T is not null)?.T;

    private static float? Scalar(OnnxGraph graph, string name) =>
        Tensor(graph, name) is { Floats: { Length: 1 } values } ? values[0] : null;
}
