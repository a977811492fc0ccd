using System;
using Google.Protobuf;
using Onnx;

namespace Butterfly.Bench.Workloads;

/// <summary>The few ONNX graph pieces the bench models need, built with OnnxSharp's protobuf types.</summary>
internal static class OnnxGraph
{
    /// <summary>A serialized model of <paramref name="graph"/> at <paramref name="opset"/> (17 unless given).</summary>
    public static byte[] Model(GraphProto graph, long opset = 17)
    {
        var model = new ModelProto { IrVersion = 8, ProducerName = "Butterfly.Bench", Graph = graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = opset });
        return model.ToByteArray();
    }

    /// <summary>A Gemm node computing <c>A Bᵀ + C</c>, the dense layer with weights stored [out × in].</summary>
    public static NodeProto Gemm(string a, string b, string c, string output) =>
        Node("Gemm", [a, b, c], output, Int("transB", 1));

    /// <summary>Softmax over the last axis.</summary>
    public static NodeProto Softmax(string input, string output) => Node("Softmax", [input], output, Int("axis", -1));

    public static NodeProto Node(string opType, string[] inputs, string output, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = opType, Output = { output } };
        node.Input.Add(inputs);
        node.Attribute.Add(attributes);
        return node;
    }

    public static AttributeProto Int(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    public static AttributeProto Float(string name, float value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };

    public static AttributeProto Text(string name, string value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.String, S = ByteString.CopyFromUtf8(value) };

    public static AttributeProto Ints(string name, params long[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.Add(values);
        return attribute;
    }

    public static TensorProto Tensor(string name, ReadOnlySpan<float> values, params long[] dims)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        tensor.Dims.Add(dims);
        foreach (float v in values)
        {
            tensor.FloatData.Add(v);
        }

        return tensor;
    }

    public static ValueInfoProto Value(string name, params long[] dims)
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
