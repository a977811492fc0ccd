using System;
using System.Collections.Generic;
using Butterfly.Onnx;

namespace Butterfly.Generator.Onnx;

/// <summary>
/// Decodes an ONNX file's bytes into an <see cref="OnnxModel"/>, reading only the fields the importer needs (the field
/// numbers are in <c>OnnxFields.cs</c>, shared with the runtime's exporter) and skipping every other field by its wire
/// type, so files from newer exporters still read. Throws <see cref="MalformedModelException"/> on anything that is
/// not protobuf or not shaped as ONNX.
/// </summary>
internal static class OnnxModelReader
{
    public static OnnxModel Read(byte[] bytes)
    {
        var reader = new ProtobufReader(bytes);
        long irVersion = 0;
        var opsets = new Dictionary<string, long>();
        OnnxGraph? graph = null;
        while (!reader.AtEnd)
        {
            var (field, wire) = reader.Key();
            switch (field)
            {
                case ModelField.IrVersion:
                    Expect(wire, WireType.Varint, "ModelProto.ir_version");
                    irVersion = reader.Int64();
                    break;
                case ModelField.OpsetImport:
                    Expect(wire, WireType.LengthDelimited, "ModelProto.opset_import");
                    var (domain, version) = ReadOpset(reader.Message());
                    opsets[domain] = version;
                    break;
                case ModelField.Graph:
                    Expect(wire, WireType.LengthDelimited, "ModelProto.graph");
                    graph = ReadGraph(reader.Message());
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }

        if (graph is null || irVersion <= 0)
        {
            throw new MalformedModelException(graph is null ? "it has no graph" : "it has no IR version");
        }

        return new OnnxModel(irVersion, opsets, graph);
    }

    private static (string Domain, long Version) ReadOpset(ProtobufReader reader)
    {
        string domain = "";
        long version = 0;
        while (!reader.AtEnd)
        {
            var (field, wire) = reader.Key();
            if (field == OpsetField.Domain && wire == WireType.LengthDelimited)
            {
                domain = reader.String();
            }
            else if (field == OpsetField.Version && wire == WireType.Varint)
            {
                version = reader.Int64();
            }
            else
            {
                reader.Skip(wire);
            }
        }

        return (domain, version);
    }

    private static OnnxGraph ReadGraph(ProtobufReader reader)
    {
        var graph = new OnnxGraph();
        while (!reader.AtEnd)
        {
            var (field, wire) = reader.Key();
            if (wire != WireType.LengthDelimited)
            {
                reader.Skip(wire);
                continue;
            }

            switch (field)
            {
                case GraphField.Node:
                    graph.Nodes.Add(ReadNode(reader.Message()));
                    break;
                case GraphField.Initializer:
                    graph.Initializers.Add(ReadTensor(reader.Message()));
                    break;
                case GraphField.Input:
                    graph.Inputs.Add(ReadValueInfo(reader.Message()));
                    break;
                case GraphField.Output:
                    graph.Outputs.Add(ReadValueInfo(reader.Message()));
                    break;
                case GraphField.SparseInitializer:
                    graph.SparseInitializers.Add("sparse initializer " + (graph.SparseInitializers.Count + 1));
                    reader.Message();
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }

        return graph;
    }

    private static OnnxNode ReadNode(ProtobufReader reader)
    {
        var node = new OnnxNode();
        while (!reader.AtEnd)
        {
            var (field, wire) = reader.Key();
            if (wire != WireType.LengthDelimited)
            {
                reader.Skip(wire);
                continue;
            }

            switch (field)
            {
                case NodeField.Input:
                    node.Inputs.Add(reader.String());
                    break;
                case NodeField.Output:
                    node.Outputs.Add(reader.String());
                    break;
                case NodeField.Name:
                    node.Name = reader.String();
                    break;
                case NodeField.OpType:
                    node.OpType = reader.String();
                    break;
                case NodeField.Domain:
                    node.Domain = reader.String();
                    break;
                case NodeField.Attribute:
                    var attribute = ReadAttribute(reader.Message());
                    node.Attributes[attribute.Name] = attribute;
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }

        return node;
    }

    private static OnnxAttribute ReadAttribute(ProtobufReader reader)
    {
        var attribute = new OnnxAttribute();
        while (!reader.AtEnd)
        {
            var (field, wire) = reader.Key();
            switch (field)
            {
                case AttributeField.Name when wire == WireType.LengthDelimited:
                    attribute.Name = reader.String();
                    break;
                case AttributeField.F when wire == WireType.Fixed32:
                    attribute.F = reader.Fixed32Single();
                    break;
                case AttributeField.I when wire == WireType.Varint:
                    attribute.I = reader.Int64();
                    break;
                case AttributeField.S when wire == WireType.LengthDelimited:
                    attribute.S = reader.String();
                    break;
                case AttributeField.T when wire == WireType.LengthDelimited:
                    attribute.T = ReadTensor(reader.Message());
                    break;
                case AttributeField.Floats:
                    ReadFloats(ref reader, wire, attribute.Floats);
                    break;
                case AttributeField.Ints:
                    ReadVarints(ref reader, wire, attribute.Ints);
                    break;
                case AttributeField.Type when wire == WireType.Varint:
                    attribute.Type = (int)reader.Int64();
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }

        return attribute;
    }

    private static OnnxTensor ReadTensor(ProtobufReader reader)
    {
        var tensor = new OnnxTensor();
        var floats = new List<float>();
        var integers = new List<long>();
        int doubles = 0;
        byte[]? raw = null;
        while (!reader.AtEnd)
        {
            var (field, wire) = reader.Key();
            switch (field)
            {
                case TensorField.Dims:
                    ReadVarints(ref reader, wire, tensor.Dims);
                    break;
                case TensorField.DataType when wire == WireType.Varint:
                    tensor.DataType = (int)reader.Int64();
                    break;
                case TensorField.FloatData:
                    ReadFloats(ref reader, wire, floats);
                    break;
                case TensorField.Int32Data:
                case TensorField.Int64Data:
                    ReadVarints(ref reader, wire, integers);
                    break;
                case TensorField.DoubleData:
                    // Counted only: a double tensor is refused by type, but its size is still checked.
                    doubles += CountDoubles(ref reader, wire);
                    break;
                case TensorField.Name when wire == WireType.LengthDelimited:
                    tensor.Name = reader.String();
                    break;
                case TensorField.RawData when wire == WireType.LengthDelimited:
                    raw = reader.Bytes();
                    break;
                case TensorField.ExternalData:
                    tensor.External = true;
                    reader.Skip(wire);
                    break;
                case TensorField.DataLocation when wire == WireType.Varint:
                    tensor.External |= reader.Int64() == 1;
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }

        int width = ElementBytes(tensor.DataType);
        if (raw is not null)
        {
            tensor.StoredCount = width > 0 ? raw.Length / width : raw.Length;
            if (width > 0 && raw.Length % width != 0)
            {
                throw new MalformedModelException($"tensor '{tensor.Name}' has {raw.Length} bytes of raw data, not a whole number of {width}-byte values");
            }

            if (tensor.DataType == TensorDataType.Float)
            {
                var values = new float[tensor.StoredCount];
                Buffer.BlockCopy(raw, 0, values, 0, raw.Length);
                tensor.Floats = values;
            }
            else if (tensor.DataType is TensorDataType.Int64 or TensorDataType.Int32)
            {
                var values = new long[tensor.StoredCount];
                for (int i = 0; i < values.Length; i++)
                {
                    values[i] = width == 8 ? BitConverter.ToInt64(raw, i * 8) : BitConverter.ToInt32(raw, i * 4);
                }

                tensor.Integers = values;
            }
        }
        else
        {
            tensor.StoredCount = floats.Count + integers.Count + doubles;
            if (tensor.DataType == TensorDataType.Float)
            {
                tensor.Floats = floats.ToArray();
            }
            else if (tensor.DataType is TensorDataType.Int64 or TensorDataType.Int32)
            {
                tensor.Integers = integers.ToArray();
            }
        }

        return tensor;
    }

    private static OnnxValueInfo ReadValueInfo(ProtobufReader reader)
    {
        var value = new OnnxValueInfo();
        while (!reader.AtEnd)
        {
            var (field, wire) = reader.Key();
            if (field == ValueInfoField.Name && wire == WireType.LengthDelimited)
            {
                value.Name = reader.String();
            }
            else if (field == ValueInfoField.Type && wire == WireType.LengthDelimited)
            {
                ReadType(reader.Message(), value);
            }
            else
            {
                reader.Skip(wire);
            }
        }

        return value;
    }

    private static void ReadType(ProtobufReader reader, OnnxValueInfo value)
    {
        while (!reader.AtEnd)
        {
            var (field, wire) = reader.Key();
            if (field != TypeField.TensorType || wire != WireType.LengthDelimited)
            {
                reader.Skip(wire);
                continue;
            }

            var tensor = reader.Message();
            while (!tensor.AtEnd)
            {
                var (tensorField, tensorWire) = tensor.Key();
                if (tensorField == TypeField.TensorElementType && tensorWire == WireType.Varint)
                {
                    value.ElementType = (int)tensor.Int64();
                }
                else if (tensorField == TypeField.TensorShape && tensorWire == WireType.LengthDelimited)
                {
                    value.Shape = ReadShape(tensor.Message());
                }
                else
                {
                    tensor.Skip(tensorWire);
                }
            }
        }
    }

    private static List<OnnxDimension> ReadShape(ProtobufReader reader)
    {
        var dimensions = new List<OnnxDimension>();
        while (!reader.AtEnd)
        {
            var (field, wire) = reader.Key();
            if (field != TypeField.ShapeDim || wire != WireType.LengthDelimited)
            {
                reader.Skip(wire);
                continue;
            }

            var dimension = reader.Message();
            long? size = null;
            string? parameter = null;
            while (!dimension.AtEnd)
            {
                var (dimensionField, dimensionWire) = dimension.Key();
                if (dimensionField == TypeField.DimValue && dimensionWire == WireType.Varint)
                {
                    size = dimension.Int64();
                }
                else if (dimensionField == TypeField.DimParam && dimensionWire == WireType.LengthDelimited)
                {
                    parameter = dimension.String();
                }
                else
                {
                    dimension.Skip(dimensionWire);
                }
            }

            dimensions.Add(new OnnxDimension(size, parameter));
        }

        return dimensions;
    }

    /// <summary>Reads one value of a repeated scalar field at the reader's position.</summary>
    private delegate T ReadValue<T>(ref ProtobufReader reader);

    private static void ReadVarints(ref ProtobufReader reader, int wire, List<long> values) =>
        ReadRepeated(ref reader, wire, WireType.Varint, static (ref ProtobufReader r) => r.Int64(), values, "integer");

    private static void ReadFloats(ref ProtobufReader reader, int wire, List<float> values) =>
        ReadRepeated(ref reader, wire, WireType.Fixed32, static (ref ProtobufReader r) => r.Fixed32Single(), values, "float");

    /// <summary>
    /// A repeated scalar field, packed (one length-delimited run) or not (one value per key, of wire type
    /// <paramref name="single"/>).
    /// </summary>
    private static void ReadRepeated<T>(ref ProtobufReader reader, int wire, int single, ReadValue<T> read, List<T> values, string kind)
    {
        if (wire == single)
        {
            values.Add(read(ref reader));
        }
        else if (wire == WireType.LengthDelimited)
        {
            var packed = reader.Message();
            while (!packed.AtEnd)
            {
                values.Add(read(ref packed));
            }
        }
        else
        {
            throw new MalformedModelException($"a repeated {kind} field has wire type {wire}");
        }
    }

    /// <summary>The number of values in one key of a repeated double field; a key of another wire type is skipped (0).</summary>
    private static int CountDoubles(ref ProtobufReader reader, int wire)
    {
        if (wire == WireType.Fixed64)
        {
            reader.Fixed64Double();
            return 1;
        }

        if (wire != WireType.LengthDelimited)
        {
            reader.Skip(wire);
            return 0;
        }

        var packed = reader.Message();
        int count = 0;
        for (; !packed.AtEnd; count++)
        {
            packed.Fixed64Double();
        }

        return count;
    }

    private static void Expect(int wire, int expected, string field)
    {
        if (wire != expected)
        {
            throw new MalformedModelException($"{field} has wire type {wire}, not {expected}");
        }
    }

    /// <summary>Bytes per value in raw data; 0 for types whose width the importer does not need.</summary>
    private static int ElementBytes(int dataType) => dataType switch
    {
        TensorDataType.Float or TensorDataType.Int32 => 4,
        TensorDataType.Int64 or TensorDataType.Double => 8,
        TensorDataType.UInt8 or TensorDataType.Int8 or TensorDataType.Bool => 1,
        TensorDataType.Float16 => 2,
        _ => 0,
    };
}
