using System;
using Google.Protobuf;
using Onnx;

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
        graph.Node.Add(new NodeProto { OpType = "Sigmoid", Input = { "z1" }, Output = { "h1" } });
        graph.Node.Add(Gemm("h1", "w2", "b2", "z2"));
        var softmax = new NodeProto { OpType = "Softmax", Input = { "z2" }, Output = { "y" } };
        softmax.Attribute.Add(new AttributeProto { Name = "axis", Type = AttributeProto.Types.AttributeType.Int, I = -1 });
        graph.Node.Add(softmax);

        var model = new ModelProto { IrVersion = 8, ProducerName = "Butterfly.Bench", Graph = graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = 17 });
        return model.ToByteArray();
    }

    /// <summary>A Gemm node computing <c>A Bᵀ + C</c>, the dense layer with weights stored [out × in].</summary>
    private static NodeProto Gemm(string a, string b, string c, string output)
    {
        var node = new NodeProto { OpType = "Gemm", Input = { a, b, c }, Output = { output } };
        node.Attribute.Add(new AttributeProto { Name = "transB", Type = AttributeProto.Types.AttributeType.Int, I = 1 });
        return node;
    }

    private static TensorProto Tensor(string name, ReadOnlySpan<float> values, params long[] dims)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        tensor.Dims.Add(dims);
        foreach (float v in values)
        {
            tensor.FloatData.Add(v);
        }

        return tensor;
    }

    private static ValueInfoProto Value(string name, params long[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (long d in dims)
        {
            shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = d });
        }

        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = shape } },
        };
    }
}
