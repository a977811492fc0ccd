using System;
using System.Text;
using Butterfly.Onnx;

namespace Butterfly.Generator.Onnx;

/// <summary>A file that breaks protobuf's wire format or ONNX's schema; the importer turns it into a diagnostic.</summary>
internal sealed class MalformedModelException(string message) : Exception(message);

/// <summary>
/// Reads protobuf's wire format (https://protobuf.dev/programming-guides/encoding/) from a slice of bytes: a key
/// <c>(field &lt;&lt; 3) | wire type</c> as a varint, then the value. Every read checks the slice's end, so a truncated or
/// corrupt file throws <see cref="MalformedModelException"/> instead of reading past it.
/// </summary>
internal struct ProtobufReader(byte[] bytes, int start, int end)
{
    private int _at = start;

    public ProtobufReader(byte[] bytes)
        : this(bytes, 0, bytes.Length)
    {
    }

    public readonly bool AtEnd => _at >= end;

    /// <summary>The next field's number and wire type.</summary>
    public (int Field, int WireType) Key()
    {
        ulong key = Varint();
        int field = (int)(key >> 3);
        if (field <= 0 || key >> 3 > int.MaxValue)
        {
            throw new MalformedModelException($"field number {key >> 3} at byte {_at} is not valid protobuf");
        }

        return (field, (int)(key & 7));
    }

    public ulong Varint()
    {
        ulong value = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            if (_at >= end)
            {
                throw new MalformedModelException($"a number is cut off at byte {_at}");
            }

            byte b = bytes[_at++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw new MalformedModelException($"a number at byte {_at} runs past ten bytes");
    }

    /// <summary>A varint read as protobuf's <c>int64</c> (two's complement: -1 is ten bytes).</summary>
    public long Int64() => (long)Varint();

    public float Fixed32Single()
    {
        Need(4);
        float value = BitConverter.ToSingle(bytes, _at);
        _at += 4;
        return value;
    }

    public double Fixed64Double()
    {
        Need(8);
        double value = BitConverter.ToDouble(bytes, _at);
        _at += 8;
        return value;
    }

    /// <summary>A length-delimited field's bytes, as a reader of their own.</summary>
    public ProtobufReader Message()
    {
        int length = Length();
        var inner = new ProtobufReader(bytes, _at, _at + length);
        _at += length;
        return inner;
    }

    public string String()
    {
        int length = Length();
        string text = Encoding.UTF8.GetString(bytes, _at, length);
        _at += length;
        return text;
    }

    /// <summary>A length-delimited field's bytes, copied.</summary>
    public byte[] Bytes()
    {
        int length = Length();
        byte[] copy = new byte[length];
        Array.Copy(bytes, _at, copy, 0, length);
        _at += length;
        return copy;
    }

    /// <summary>Skips a field whose value has <paramref name="wireType"/>.</summary>
    public void Skip(int wireType)
    {
        switch (wireType)
        {
            case WireType.Varint:
                Varint();
                break;
            case WireType.Fixed64:
                Need(8);
                _at += 8;
                break;
            case WireType.LengthDelimited:
                // Not "_at += Length()": that would add to the position from before the length's own bytes.
                int length = Length();
                _at += length;
                break;
            case WireType.Fixed32:
                Need(4);
                _at += 4;
                break;
            default:
                throw new MalformedModelException($"wire type {wireType} at byte {_at} is not one protobuf uses");
        }
    }

    private int Length()
    {
        ulong length = Varint();
        if (length > (ulong)(end - _at))
        {
            throw new MalformedModelException($"a field of {length} bytes at byte {_at} runs past the end of its message ({end - _at} bytes left)");
        }

        return (int)length;
    }

    private readonly void Need(int count)
    {
        if (end - _at < count)
        {
            throw new MalformedModelException($"a {count}-byte value is cut off at byte {_at}");
        }
    }
}
