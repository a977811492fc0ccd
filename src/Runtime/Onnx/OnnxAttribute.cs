using System;

namespace Butterfly.Onnx;

/// <summary>One attribute of an ONNX node (<c>AttributeProto</c>): an int, a list of ints, a float or a string.</summary>
internal readonly struct OnnxAttribute
{
    private readonly string _name;
    private readonly int _type;
    private readonly long _int;
    private readonly long[]? _ints;
    private readonly float _float;
    private readonly string? _string;

    private OnnxAttribute(string name, int type, long integer = 0, long[]? ints = null, float real = 0, string? text = null)
    {
        _name = name;
        _type = type;
        _int = integer;
        _ints = ints;
        _float = real;
        _string = text;
    }

    public static OnnxAttribute Int(string name, long value) => new(name, AttributeType.Int, integer: value);

    public static OnnxAttribute Ints(string name, params long[] values) => new(name, AttributeType.Ints, ints: values);

    public static OnnxAttribute Float(string name, float value) => new(name, AttributeType.Float, real: value);

    public static OnnxAttribute String(string name, string value) => new(name, AttributeType.String, text: value);

    public void WriteTo(ProtobufWriter attribute)
    {
        attribute.String(AttributeField.Name, _name);
        switch (_type)
        {
            case AttributeType.Int:
                attribute.Varint(AttributeField.I, _int);
                break;
            case AttributeType.Ints:
                foreach (long value in _ints!)
                {
                    attribute.Varint(AttributeField.Ints, value);
                }

                break;
            case AttributeType.Float:
                attribute.Float(AttributeField.F, _float);
                break;
            case AttributeType.String:
                attribute.Bytes(AttributeField.S, System.Text.Encoding.UTF8.GetBytes(_string!));
                break;
            default:
                throw new InvalidOperationException($"Attribute type {_type} is not written.");
        }

        attribute.Varint(AttributeField.Type, _type);
    }
}
