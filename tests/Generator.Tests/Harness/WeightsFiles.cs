using System;
using System.Collections.Generic;
using System.Linq;

namespace Butterfly.Generator.Tests.Harness;

/// <summary>
/// Weights files as <c>[Network(Weights = ...)]</c> embeds them, made with the runtime's own writers
/// (<see cref="EmbeddedWeights"/>, <see cref="Quantizer"/>), plus ways to break them.
/// </summary>
internal static class WeightsFiles
{
    /// <summary>The float32 file of a network with <paramref name="signature"/> and parameters 0.5, -0.25, 1, ... in turn.</summary>
    public static string Float32(string signature, int parameterCount) =>
        EmbeddedWeights.ToText(signature, Values(parameterCount));

    /// <summary>Deterministic, varied parameters.</summary>
    public static float[] Values(int count) => Enumerable.Range(0, count).Select(i => ((i * 37) % 101 - 50) / 64f).ToArray();

    /// <summary>The decoded bytes of a base64 weights text.</summary>
    public static byte[] Bytes(string text) => Convert.FromBase64String(text);

    /// <summary>Base64 of <paramref name="bytes"/> after <paramref name="change"/>.</summary>
    public static string Changed(string text, Action<byte[]> change)
    {
        var bytes = Bytes(text);
        change(bytes);
        return Convert.ToBase64String(bytes);
    }

    /// <summary>Base64 of <paramref name="bytes"/> with the CRC-32 recomputed, so that only the change is wrong.</summary>
    public static string Resealed(byte[] bytes)
    {
        uint crc = Crc32.Compute(bytes.AsSpan(0, bytes.Length - 4));
        BitConverter.GetBytes(crc).CopyTo(bytes, bytes.Length - 4);
        return Convert.ToBase64String(bytes);
    }

    /// <summary>
    /// A <c>.bfq</c> file (layout in <see cref="QuantizedWeightsFile"/>) with dense layers of these (units, inputs): scale
    /// 1/128, zero point 0, small positive scales, and weights and biases from <see cref="Values"/>.
    /// </summary>
    public static string Int8(string signature, params (int Units, int Inputs)[] layers)
    {
        var bytes = new List<byte>();
        bytes.AddRange("BFLQ"u8.ToArray());
        bytes.AddRange(BitConverter.GetBytes(1));
        var name = System.Text.Encoding.UTF8.GetBytes(signature);
        bytes.AddRange(BitConverter.GetBytes(name.Length));
        bytes.AddRange(name);
        bytes.AddRange(BitConverter.GetBytes(layers.Length));
        foreach (var (units, inputs) in layers)
        {
            bytes.AddRange(BitConverter.GetBytes(units));
            bytes.AddRange(BitConverter.GetBytes(inputs));
            bytes.AddRange(BitConverter.GetBytes(1f / 128));
            bytes.AddRange(BitConverter.GetBytes(0));
            foreach (float value in Values(units))
            {
                bytes.AddRange(BitConverter.GetBytes(Math.Abs(value) / 64 + 1f / 256)); // c_j > 0
            }

            foreach (float value in Values(units))
            {
                bytes.AddRange(BitConverter.GetBytes(value));
            }

            bytes.AddRange(Enumerable.Range(0, units * inputs).Select(i => (byte)(sbyte)((i * 29) % 255 - 127)));
        }

        bytes.AddRange(new byte[4]);
        return Resealed(bytes.ToArray());
    }
}
