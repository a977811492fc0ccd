using System;
using Butterfly.Generator.Tests.Harness;
using Microsoft.CodeAnalysis;
using Onnx;
using static Butterfly.Bench.Workloads.OnnxGraph;

namespace Butterfly.Generator.Tests.Onnx;

/// <summary>Models as the generator receives them: base64 text in an additional file named as Butterfly's build targets name it.</summary>
internal static class OnnxFiles
{
    public static AdditionalText Text(string modelName, byte[] model) =>
        new InMemoryAdditionalText("/repo/obj/Release/net10.0/butterfly-onnx/" + modelName + ".b64", Convert.ToBase64String(model));

    public static AdditionalText Text(string modelName, string text) =>
        new InMemoryAdditionalText("/repo/obj/Release/net10.0/butterfly-onnx/" + modelName + ".b64", text);

    /// <summary>A declaration of class <c>Net</c> importing <paramref name="modelName"/>, its [Network] attribute marked.</summary>
    public static MarkedSource Declaration(string modelName = "model.onnx") => MarkedSource.Parse($$"""
        using Butterfly;

        namespace Samples;

        [[|Network(Onnx = "{{modelName}}")|]]
        public partial class Net;
        """);

    /// <summary>x [1, 4] → Gemm (transB) → z [1, 3] → Softmax → y, with <paramref name="edit"/> applied to the graph first.</summary>
    public static byte[] Small(Action<GraphProto>? edit = null, long opset = 17)
    {
        var graph = new GraphProto { Name = "small" };
        graph.Input.Add(Value("x", 1, 4));
        graph.Output.Add(Value("y", 1, 3));
        graph.Initializer.Add(Tensor("w", [0.1f, -0.2f, 0.3f, 0.4f, 0.5f, -0.6f, 0.7f, 0.8f, -0.9f, 1.0f, 1.1f, -1.2f], 3, 4));
        graph.Initializer.Add(Tensor("b", [0.5f, -0.5f, 0.25f], 3));
        graph.Node.Add(Named(Gemm("x", "w", "b", "z"), "fc"));
        graph.Node.Add(Named(Softmax("z", "y"), "softmax"));
        edit?.Invoke(graph);
        return Bench.Workloads.OnnxGraph.Model(graph, opset);
    }

    /// <summary>x [1, 2, 6, 6] → Conv (given attributes, weights [4, 2, kh, kw]) → y.</summary>
    public static byte[] Conv(int kh, int kw, params AttributeProto[] attributes)
    {
        var graph = new GraphProto { Name = "conv" };
        graph.Input.Add(Value("x", 1, 2, 6, 6));
        graph.Output.Add(Value("y", 1, 4, 6, 6));
        graph.Initializer.Add(Tensor("w", new float[4 * 2 * kh * kw], 4, 2, kh, kw));
        graph.Node.Add(Named(Node("Conv", ["x", "w"], "y", attributes), "conv1"));
        return Bench.Workloads.OnnxGraph.Model(graph);
    }

    public static NodeProto Named(NodeProto node, string name)
    {
        node.Name = name;
        return node;
    }
}
