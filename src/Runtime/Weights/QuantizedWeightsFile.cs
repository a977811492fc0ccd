using System;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace Butterfly;

/// <summary>
/// Butterfly's <c>.bfq</c> format for a <see cref="QuantizedNetwork"/> (little-endian), which the generator embeds for
/// <c>Precision.Int8</c>:
/// <code>
/// "BFLQ"            4 bytes, magic
/// version           int32, currently 1
/// signature length  int32, then the network signature in UTF-8
/// layers            int32, the number of dense layers; then for each:
///   units, inputs   int32, int32
///   input scale     float32 (s_x), then input zero point int32 (z)
///   scales          units float32 (c_j = s_x s_j)
///   bias            units float32 (b'_j, zero point folded in)
///   weights         units × inputs int8, row-major
/// crc               uint32, CRC-32 of every byte before it
/// </code>
/// </summary>
public static class QuantizedWeightsFile
{
    /// <summary>The format version this runtime writes.</summary>
    public const int Version = 1;

    /// <summary>The file's bytes.</summary>
    public static byte[] Encode(QuantizedNetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        int signatureLength = Encoding.UTF8.GetByteCount(network.Signature);
        long size = 4 + 4 + 4 + signatureLength + 4 + 4;
        foreach (var layer in network.Dense)
        {
            size += 16 + layer.Units * 8L + (long)layer.Units * layer.Inputs;
        }

        var bytes = new byte[size];
        var span = bytes.AsSpan();
        "BFLQ"u8.CopyTo(span);
        int at = 4;
        Write(span, ref at, Version);
        Write(span, ref at, signatureLength);
        at += Encoding.UTF8.GetBytes(network.Signature, span.Slice(at, signatureLength));
        Write(span, ref at, network.Dense.Count);
        foreach (var layer in network.Dense)
        {
            Write(span, ref at, layer.Units);
            Write(span, ref at, layer.Inputs);
            BinaryPrimitives.WriteSingleLittleEndian(span[at..], layer.InputScale);
            at += 4;
            Write(span, ref at, layer.InputZeroPoint);
            WriteFloats(span, ref at, layer.Scales);
            WriteFloats(span, ref at, layer.Bias);
            MemoryMarshal.AsBytes(layer.Weights).CopyTo(span[at..]);
            at += layer.Weights.Length;
        }

        BinaryPrimitives.WriteUInt32LittleEndian(span[at..], Crc32.Compute(span[..at]));
        return bytes;
    }

    private static void Write(Span<byte> span, ref int at, int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(span[at..], value);
        at += 4;
    }

    private static void WriteFloats(Span<byte> span, ref int at, ReadOnlySpan<float> values)
    {
        foreach (float value in values)
        {
            BinaryPrimitives.WriteSingleLittleEndian(span[at..], value);
            at += 4;
        }
    }
}
