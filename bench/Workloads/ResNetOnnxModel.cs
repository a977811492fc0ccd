using Onnx;
using static Butterfly.Bench.Workloads.OnnxGraph;

namespace Butterfly.Bench.Workloads;

/// <summary>
/// The bench residual network as an ONNX graph with a generated network's weights, input <c>x</c> of shape
/// [1, 1, 28, 28]: padded 3×3 Conv and Relu nodes, two Add nodes for the residual connections, MaxPool,
/// GlobalAveragePool, Flatten, Gemm, Softmax. Kernels are OIHW in both, so the weights go across unchanged.
/// </summary>
internal static class ResNetOnnxModel
{
    public static byte[] Build(BenchResNet network)
    {
        var graph = new GraphProto { Name = "resnet" };
        graph.Input.Add(Value("x", 1, 1, 28, 28));
        graph.Output.Add(Value("y", 1, BenchResNet.OutputLength));
        Conv(graph, "x", "stem", network.Conv2D1Weights, network.Conv2D1Bias, 16, 1, relu: true);
        Conv(graph, "stem", "a2", network.Conv2D2Weights, network.Conv2D2Bias, 16, 16, relu: true);
        Conv(graph, "a2", "a3", network.Conv2D3Weights, network.Conv2D3Bias, 16, 16, relu: false);
        graph.Node.Add(Node("Add", ["a3", "stem"], "sum1"));
        graph.Node.Add(Node("Relu", ["sum1"], "block1"));
        graph.Node.Add(Node("MaxPool", ["block1"], "pooled", Ints("kernel_shape", 2, 2), Ints("strides", 2, 2)));
        Conv(graph, "pooled", "s2", network.Conv2D4Weights, network.Conv2D4Bias, 32, 16, relu: true);
        Conv(graph, "s2", "b2", network.Conv2D5Weights, network.Conv2D5Bias, 32, 32, relu: true);
        Conv(graph, "b2", "b3", network.Conv2D6Weights, network.Conv2D6Bias, 32, 32, relu: false);
        graph.Node.Add(Node("Add", ["b3", "s2"], "sum2"));
        graph.Node.Add(Node("Relu", ["sum2"], "block2"));
        graph.Node.Add(Node("GlobalAveragePool", ["block2"], "gap"));
        graph.Node.Add(Node("Flatten", ["gap"], "f", Int("axis", 1)));
        graph.Initializer.Add(Tensor("wd", network.Dense1Weights, BenchResNet.OutputLength, 32));
        graph.Initializer.Add(Tensor("bd", network.Dense1Bias, BenchResNet.OutputLength));
        graph.Node.Add(Gemm("f", "wd", "bd", "z"));
        graph.Node.Add(Softmax("z", "y"));
        return Model(graph);
    }

    /// <summary>A 3×3 convolution with one zero on every side, and a Relu after it when <paramref name="relu"/>.</summary>
    private static void Conv(GraphProto graph, string input, string output, System.ReadOnlySpan<float> weights, System.ReadOnlySpan<float> bias, int filters, int channels, bool relu)
    {
        graph.Initializer.Add(Tensor(output + "_w", weights, filters, channels, 3, 3));
        graph.Initializer.Add(Tensor(output + "_b", bias, filters));
        string convolved = relu ? output + "_c" : output;
        graph.Node.Add(Node("Conv", [input, output + "_w", output + "_b"], convolved, Ints("kernel_shape", 3, 3), Ints("pads", 1, 1, 1, 1)));
        if (relu)
        {
            graph.Node.Add(Node("Relu", [convolved], output));
        }
    }
}
