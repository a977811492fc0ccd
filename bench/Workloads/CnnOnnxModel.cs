using Onnx;
using static Butterfly.Bench.Workloads.OnnxGraph;

namespace Butterfly.Bench.Workloads;

/// <summary>
/// The bench LeNet as an ONNX graph with a generated network's weights, input <c>x</c> of shape [1, 1, 28, 28]:
/// two Conv → Relu → MaxPool stages, Flatten, Gemm, Softmax. Butterfly stores convolution kernels
/// [filters × channels × k × k] and reads images channels first, as ONNX's OIHW and NCHW do, and Dense reads the
/// flattened (channel, row, column) order that ONNX's Flatten produces, so the weights go across unchanged.
/// </summary>
internal static class CnnOnnxModel
{
    public static byte[] Build(BenchCnn network)
    {
        var graph = new GraphProto { Name = "lenet" };
        graph.Input.Add(Value("x", 1, 1, 28, 28));
        graph.Output.Add(Value("y", 1, BenchCnn.OutputLength));
        graph.Initializer.Add(Tensor("w1", network.Conv2D1Weights, 8, 1, 5, 5));
        graph.Initializer.Add(Tensor("b1", network.Conv2D1Bias, 8));
        graph.Initializer.Add(Tensor("w2", network.Conv2D2Weights, 16, 8, 5, 5));
        graph.Initializer.Add(Tensor("b2", network.Conv2D2Bias, 16));
        graph.Initializer.Add(Tensor("w3", network.Dense1Weights, BenchCnn.OutputLength, 16 * 4 * 4));
        graph.Initializer.Add(Tensor("b3", network.Dense1Bias, BenchCnn.OutputLength));
        AddStage(graph, "x", "w1", "b1", "p1");
        AddStage(graph, "p1", "w2", "b2", "p2");
        graph.Node.Add(Node("Flatten", ["p2"], "f", Int("axis", 1)));
        graph.Node.Add(Gemm("f", "w3", "b3", "z"));
        graph.Node.Add(Softmax("z", "y"));
        return Model(graph);
    }

    /// <summary>5×5 convolution (stride 1, no padding), ReLU, 2×2 max pooling with stride 2.</summary>
    private static void AddStage(GraphProto graph, string input, string weights, string bias, string output)
    {
        graph.Node.Add(Node("Conv", [input, weights, bias], output + "c", Ints("kernel_shape", 5, 5)));
        graph.Node.Add(Node("Relu", [output + "c"], output + "r"));
        graph.Node.Add(Node("MaxPool", [output + "r"], output, Ints("kernel_shape", 2, 2), Ints("strides", 2, 2)));
    }
}
