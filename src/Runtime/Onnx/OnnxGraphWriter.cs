using System;
using System.Collections.Generic;
using System.Linq;

namespace Butterfly.Onnx;

/// <summary>
/// Collects an ONNX graph's nodes and initializers (weights as float32 <c>raw_data</c>) and writes the <c>ModelProto</c>
/// around them, with one float or int32 input and one float output whose first dimension is the batch (<c>N</c>).
/// </summary>
internal sealed class OnnxGraphWriter
{
    private readonly List<ProtobufWriter> _nodes = [];
    private readonly List<ProtobufWriter> _initializers = [];

    /// <summary>Adds a node computing <paramref name="output"/> from <paramref name="inputs"/>; returns <paramref name="output"/>.</summary>
    public string Node(string opType, string name, string[] inputs, string output, params OnnxAttribute[] attributes)
    {
        var node = new ProtobufWriter();
        foreach (string input in inputs)
        {
            node.String(NodeField.Input, input);
        }

        node.String(NodeField.Output, output);
        node.String(NodeField.Name, name);
        node.String(NodeField.OpType, opType);
        foreach (var attribute in attributes)
        {
            var written = new ProtobufWriter();
            attribute.WriteTo(written);
            node.Message(NodeField.Attribute, written);
        }

        _nodes.Add(node);
        return output;
    }

    /// <summary>Adds a float32 initializer of shape <paramref name="dimensions"/>; returns its name.</summary>
    public string Initializer(string name, ReadOnlySpan<float> values, params long[] dimensions)
    {
        var tensor = Tensor(name, TensorDataType.Float, dimensions);
        tensor.Floats(TensorField.RawData, values);
        _initializers.Add(tensor);
        return name;
    }

    /// <summary>Adds an int64 initializer (a shape, indices) of shape <paramref name="dimensions"/>; returns its name.</summary>
    public string Int64Initializer(string name, long[] values, params long[] dimensions)
    {
        var tensor = Tensor(name, TensorDataType.Int64, dimensions);
        foreach (long value in values)
        {
            tensor.Varint(TensorField.Int64Data, value);
        }

        _initializers.Add(tensor);
        return name;
    }

    /// <summary>Adds a bool initializer (a mask) of shape <paramref name="dimensions"/>, one byte a value; returns its name.</summary>
    public string BoolInitializer(string name, bool[] values, params long[] dimensions)
    {
        var tensor = Tensor(name, TensorDataType.Bool, dimensions);
        tensor.Bytes(TensorField.RawData, values.Select(v => v ? (byte)1 : (byte)0).ToArray());
        _initializers.Add(tensor);
        return name;
    }

    /// <summary>The serialized <c>ModelProto</c>.</summary>
    /// <param name="graphName">The graph's name.</param>
    /// <param name="docString">What the model is, for a reader of the file.</param>
    /// <param name="input">The input's name, element type (<see cref="TensorDataType"/>) and per-sample shape.</param>
    /// <param name="output">The output's name and per-sample shape (float32).</param>
    /// <param name="opset">The default domain's opset.</param>
    /// <param name="irVersion">The IR version that opset belongs to.</param>
    /// <param name="producerVersion">The producing library's version.</param>
    public byte[] Model(
        string graphName, string docString, (string Name, int ElementType, IReadOnlyList<int> Shape) input, (string Name, IReadOnlyList<int> Shape) output,
        int opset, int irVersion, string producerVersion)
    {
        var graph = new ProtobufWriter();
        foreach (var node in _nodes)
        {
            graph.Message(GraphField.Node, node);
        }

        graph.String(GraphField.Name, graphName);
        foreach (var initializer in _initializers)
        {
            graph.Message(GraphField.Initializer, initializer);
        }

        graph.String(GraphField.DocString, docString);
        graph.Message(GraphField.Input, Value(input.Name, input.ElementType, input.Shape));
        graph.Message(GraphField.Output, Value(output.Name, TensorDataType.Float, output.Shape));

        var opsetId = new ProtobufWriter();
        opsetId.String(OpsetField.Domain, "");
        opsetId.Varint(OpsetField.Version, opset);

        var model = new ProtobufWriter();
        model.Varint(ModelField.IrVersion, irVersion);
        model.String(ModelField.ProducerName, "Butterfly");
        model.String(ModelField.ProducerVersion, producerVersion);
        model.Message(ModelField.Graph, graph);
        model.Message(ModelField.OpsetImport, opsetId);
        return model.Written.ToArray();
    }

    private static ProtobufWriter Tensor(string name, int dataType, params long[] dimensions)
    {
        var tensor = new ProtobufWriter();
        foreach (long dimension in dimensions)
        {
            tensor.Varint(TensorField.Dims, dimension);
        }

        tensor.Varint(TensorField.DataType, dataType);
        tensor.String(TensorField.Name, name);
        return tensor;
    }

    /// <summary>A <c>ValueInfoProto</c>: a tensor of <paramref name="elementType"/>, shape <c>(N, ...shape)</c>.</summary>
    private static ProtobufWriter Value(string name, int elementType, IReadOnlyList<int> shape)
    {
        var tensorShape = new ProtobufWriter();
        var batch = new ProtobufWriter();
        batch.String(TypeField.DimParam, "N");
        tensorShape.Message(TypeField.ShapeDim, batch);
        foreach (int size in shape)
        {
            var dimension = new ProtobufWriter();
            dimension.Varint(TypeField.DimValue, size);
            tensorShape.Message(TypeField.ShapeDim, dimension);
        }

        var tensorType = new ProtobufWriter();
        tensorType.Varint(TypeField.TensorElementType, elementType);
        tensorType.Message(TypeField.TensorShape, tensorShape);

        var type = new ProtobufWriter();
        type.Message(TypeField.TensorType, tensorType);

        var value = new ProtobufWriter();
        value.String(ValueInfoField.Name, name);
        value.Message(ValueInfoField.Type, type);
        return value;
    }
}
