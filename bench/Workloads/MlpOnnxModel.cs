using Onnx;
using static Butterfly.Bench.Workloads.OnnxGraph;

namespace Butterfly.Bench.Workloads;

/// <summary>
/// The 784-100-10 network as an ONNX graph with a generated network's weights:
/// <c>Softmax(Gemm(Sigmoid(Gemm(x, W1ᵀ, b1)), W2ᵀ, b2))</c>, input <c>x</c> of shape [1, 784].
/// </summary>
internal static class MlpOnnxModel
{
    public static byte[] Build(BenchMlp network)
    {
        var graph = new GraphProto { Name = "mlp" };
        graph.Input.Add(Value("x", 1, BenchMlp.InputLength));
        graph.Output.Add(Value("y", 1, BenchMlp.OutputLength));
        graph.Initializer.Add(Tensor("w1", network.Dense1Weights, 100, BenchMlp.InputLength));
        graph.Initializer.Add(Tensor("b1", network.Dense1Bias, 100));
        graph.Initializer.Add(Tensor("w2", network.Dense2Weights, BenchMlp.OutputLength, 100));
        graph.Initializer.Add(Tensor("b2", network.Dense2Bias, BenchMlp.OutputLength));
        graph.Node.Add(Gemm("x", "w1", "b1", "z1"));
        graph.Node.Add(Node("Sigmoid", ["z1"], "h1"));
        graph.Node.Add(Gemm("h1", "w2", "b2", "z2"));
        graph.Node.Add(Softmax("z2", "y"));
        return Model(graph);
    }
}
