using System;
using System.Buffers.Binary;
using System.Text;

namespace Butterfly.Onnx;

/// <summary>
/// Writes one protobuf message in the wire format (protobuf.dev, "Encoding"): each field is a key
/// <c>(field number &lt;&lt; 3) | wire type</c> as a varint, then a varint, a little-endian fixed32, or a length and that many
/// bytes (strings, bytes and nested messages). Repeated scalars are written one key per value, as proto2 (which ONNX's
/// schema uses) writes them unpacked; every reader accepts that form.
/// </summary>
internal sealed class ProtobufWriter
{
    private byte[] _buffer = new byte[64];
    private int _length;

    /// <summary>The bytes written so far.</summary>
    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

    /// <summary>A varint field: an int, a long, an enum or a bool. Negative values take ten bytes, as two's complement.</summary>
    public void Varint(int field, long value)
    {
        Key(field, WireType.Varint);
        RawVarint((ulong)value);
    }

    /// <summary>A fixed32 field holding a float.</summary>
    public void Float(int field, float value)
    {
        Key(field, WireType.Fixed32);
        BinaryPrimitives.WriteSingleLittleEndian(Reserve(4), value);
    }

    /// <summary>A string field, in UTF-8.</summary>
    public void String(int field, string value)
    {
        int count = Encoding.UTF8.GetByteCount(value);
        Key(field, WireType.LengthDelimited);
        RawVarint((ulong)count);
        Encoding.UTF8.GetBytes(value, Reserve(count));
    }

    /// <summary>A bytes field.</summary>
    public void Bytes(int field, ReadOnlySpan<byte> value)
    {
        Key(field, WireType.LengthDelimited);
        RawVarint((ulong)value.Length);
        value.CopyTo(Reserve(value.Length));
    }

    /// <summary>A bytes field holding <paramref name="values"/> as little-endian float32, as ONNX's <c>raw_data</c> holds them.</summary>
    public void Floats(int field, ReadOnlySpan<float> values)
    {
        Key(field, WireType.LengthDelimited);
        RawVarint((ulong)values.Length * 4);
        var bytes = Reserve(checked(values.Length * 4));
        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.Slice(4 * i, 4), values[i]);
        }
    }

    /// <summary>A nested message field.</summary>
    public void Message(int field, ProtobufWriter message) => Bytes(field, message.Written);

    private void Key(int field, int wireType) => RawVarint((ulong)((field << 3) | wireType));

    private void RawVarint(ulong value)
    {
        // Seven bits at a time, low first; the high bit says another byte follows.
        while (value >= 0x80)
        {
            Reserve(1)[0] = (byte)(value | 0x80);
            value >>= 7;
        }

        Reserve(1)[0] = (byte)value;
    }

    private Span<byte> Reserve(int count)
    {
        if (_length + count > _buffer.Length)
        {
            long grown = Math.Max((long)_buffer.Length * 2, (long)_length + count);
            if (grown > Array.MaxLength)
            {
                throw new NotSupportedException($"An ONNX message of more than {Array.MaxLength} bytes cannot be written in one piece.");
            }

            Array.Resize(ref _buffer, (int)grown);
        }

        var span = _buffer.AsSpan(_length, count);
        _length += count;
        return span;
    }
}
