namespace Butterfly.Onnx;

// The field numbers of ONNX's protobuf messages (onnx/onnx, onnx.proto, IR version 3 to 10) that Butterfly reads
// and writes, written once here and shared by the runtime's exporter and the generator's importer (linked source).
// Only the fields either side uses are listed; a reader skips every other field by its wire type.

/// <summary>Protobuf wire types (the low three bits of a field's key).</summary>
internal static class WireType
{
    public const int Varint = 0;
    public const int Fixed64 = 1;
    public const int LengthDelimited = 2;
    public const int Fixed32 = 5;
}

/// <summary><c>ModelProto</c>.</summary>
internal static class ModelField
{
    public const int IrVersion = 1;
    public const int ProducerName = 2;
    public const int ProducerVersion = 3;
    public const int Domain = 4;
    public const int ModelVersion = 5;
    public const int DocString = 6;
    public const int Graph = 7;
    public const int OpsetImport = 8;
}

/// <summary><c>OperatorSetIdProto</c>.</summary>
internal static class OpsetField
{
    public const int Domain = 1;
    public const int Version = 2;
}

/// <summary><c>GraphProto</c>.</summary>
internal static class GraphField
{
    public const int Node = 1;
    public const int Name = 2;
    public const int Initializer = 5;
    public const int DocString = 10;
    public const int Input = 11;
    public const int Output = 12;
    public const int ValueInfo = 13;
    public const int SparseInitializer = 15;
}

/// <summary><c>NodeProto</c>.</summary>
internal static class NodeField
{
    public const int Input = 1;
    public const int Output = 2;
    public const int Name = 3;
    public const int OpType = 4;
    public const int Attribute = 5;
    public const int DocString = 6;
    public const int Domain = 7;
}

/// <summary><c>AttributeProto</c>.</summary>
internal static class AttributeField
{
    public const int Name = 1;
    public const int F = 2;
    public const int I = 3;
    public const int S = 4;
    public const int T = 5;
    public const int G = 6;
    public const int Floats = 7;
    public const int Ints = 8;
    public const int Strings = 9;
    public const int Type = 20;
}

/// <summary><c>AttributeProto.AttributeType</c>.</summary>
internal static class AttributeType
{
    public const int Float = 1;
    public const int Int = 2;
    public const int String = 3;
    public const int Tensor = 4;
    public const int Graph = 5;
    public const int Floats = 6;
    public const int Ints = 7;
    public const int Strings = 8;
}

/// <summary><c>ValueInfoProto</c>.</summary>
internal static class ValueInfoField
{
    public const int Name = 1;
    public const int Type = 2;
    public const int DocString = 3;
}

/// <summary><c>TypeProto</c> and its <c>Tensor</c>, <c>TensorShapeProto</c> and <c>Dimension</c>.</summary>
internal static class TypeField
{
    public const int TensorType = 1;
    public const int TensorElementType = 1;
    public const int TensorShape = 2;
    public const int ShapeDim = 1;
    public const int DimValue = 1;
    public const int DimParam = 2;
}

/// <summary><c>TensorProto</c>.</summary>
internal static class TensorField
{
    public const int Dims = 1;
    public const int DataType = 2;
    public const int FloatData = 4;
    public const int Int32Data = 5;
    public const int Int64Data = 7;
    public const int Name = 8;
    public const int RawData = 9;
    public const int DoubleData = 10;
    public const int ExternalData = 13;
    public const int DataLocation = 14;
}

/// <summary><c>TensorProto.DataType</c>, the element types.</summary>
internal static class TensorDataType
{
    public const int Float = 1;
    public const int UInt8 = 2;
    public const int Int8 = 3;
    public const int Int32 = 6;
    public const int Int64 = 7;
    public const int Bool = 9;
    public const int Float16 = 10;
    public const int Double = 11;
}
