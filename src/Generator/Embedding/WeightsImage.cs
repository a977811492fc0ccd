using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Butterfly.Generator.Diagnostics;
using Microsoft.CodeAnalysis;

namespace Butterfly.Generator.Embedding;

/// <summary>One dense layer of a <c>.bfq</c> file (see <c>Butterfly.QuantizedWeightsFile</c> for the meaning of each field).</summary>
internal sealed record QuantizedLayerImage(int Units, int Inputs, float InputScale, int InputZeroPoint, float[] Scales, float[] Bias, sbyte[] Weights);

/// <summary>
/// The contents of a decoded weights file: a float32 <c>.bfw</c> (<see cref="Parameters"/>) or an int8 <c>.bfq</c>
/// (<see cref="Layers"/>). The layouts are the runtime's <c>WeightsFile</c> and <c>QuantizedWeightsFile</c>; the
/// generator cannot reference the runtime, so it reads them here, checking what the runtime checks.
/// </summary>
internal sealed class WeightsImage
{
    private const int FloatMagic = 0x594C4642; // "BFLY"
    private const int QuantizedMagic = 0x514C4642; // "BFLQ"
    public const int Version = 1;

    private WeightsImage(string signature, float[]? parameters, IReadOnlyList<QuantizedLayerImage>? layers)
    {
        Signature = signature;
        Parameters = parameters;
        Layers = layers;
    }

    public string Signature { get; }

    /// <summary>Float32 weights that come from elsewhere than a file (an imported ONNX model), for the embedded Predict.</summary>
    public static WeightsImage Float(string signature, float[] parameters) => new(signature, parameters, null);

    /// <summary>The float32 parameters of a <c>.bfw</c> file; null for a <c>.bfq</c>.</summary>
    public float[]? Parameters { get; }

    /// <summary>The quantized dense layers of a <c>.bfq</c> file; null for a <c>.bfw</c>.</summary>
    public IReadOnlyList<QuantizedLayerImage>? Layers { get; }

    public bool IsQuantized => Layers is not null;

    /// <summary>Reads <paramref name="bytes"/>, or says what is wrong with them.</summary>
    public static WeightsImage? Read(byte[] bytes, out WeightsProblem? problem)
    {
        problem = null;
        var reader = new LittleEndianReader(bytes);
        int magic = reader.Int32();
        if (bytes.Length < 4 || (magic != FloatMagic && magic != QuantizedMagic))
        {
            problem = WeightsProblem.Invalid("it does not start with \"BFLY\" or \"BFLQ\"");
            return null;
        }

        int version = reader.Int32();
        if (!reader.Ok)
        {
            problem = WeightsProblem.Invalid($"{bytes.Length} bytes is shorter than any weights file");
            return null;
        }

        if (version != Version)
        {
            problem = WeightsProblem.WrongVersion(version);
            return null;
        }

        var image = magic == FloatMagic ? ReadFloat(ref reader) : ReadQuantized(ref reader);
        if (image is null || !reader.Ok || reader.Remaining != 4)
        {
            problem = WeightsProblem.Invalid($"it is truncated or has extra bytes ({bytes.Length} bytes do not match the sizes it records)");
            return null;
        }

        uint stored = (uint)reader.Int32();
        uint actual = Crc32.Compute(new System.ReadOnlySpan<byte>(bytes, 0, bytes.Length - 4));
        if (stored != actual)
        {
            problem = WeightsProblem.Checksum(stored, actual);
            return null;
        }

        return image;
    }

    private static WeightsImage? ReadFloat(ref LittleEndianReader reader)
    {
        string? signature = reader.Utf8();
        int count = reader.Int32();
        if (signature is null || !reader.Ok || count < 0 || count > reader.Remaining / 4)
        {
            return null;
        }

        var parameters = new float[count];
        for (int i = 0; i < count; i++)
        {
            parameters[i] = reader.Single();
        }

        return new WeightsImage(signature, parameters, null);
    }

    private static WeightsImage? ReadQuantized(ref LittleEndianReader reader)
    {
        string? signature = reader.Utf8();
        int count = reader.Int32();
        if (signature is null || !reader.Ok || count < 0 || count > reader.Remaining / 16)
        {
            return null;
        }

        var layers = new List<QuantizedLayerImage>(count);
        for (int l = 0; l < count; l++)
        {
            int units = reader.Int32(), inputs = reader.Int32();
            float inputScale = reader.Single();
            int zeroPoint = reader.Int32();
            if (!reader.Ok || units <= 0 || inputs <= 0 || (long)units * (8 + inputs) > reader.Remaining)
            {
                return null;
            }

            var scales = new float[units];
            var bias = new float[units];
            var weights = new sbyte[units * inputs];
            for (int j = 0; j < units; j++)
            {
                scales[j] = reader.Single();
            }

            for (int j = 0; j < units; j++)
            {
                bias[j] = reader.Single();
            }

            for (int i = 0; i < weights.Length; i++)
            {
                weights[i] = (sbyte)reader.Byte();
            }

            layers.Add(new QuantizedLayerImage(units, inputs, inputScale, zeroPoint, scales, bias, weights));
        }

        return new WeightsImage(signature, null, layers);
    }

    /// <summary>Reads little-endian values; past the end it reads zeros and clears <see cref="Ok"/>.</summary>
    private struct LittleEndianReader(byte[] bytes)
    {
        private int _at;

        public bool Ok { get; private set; } = true;

        public readonly int Remaining => bytes.Length - _at;

        public byte Byte()
        {
            if (_at >= bytes.Length)
            {
                Ok = false;
                return 0;
            }

            return bytes[_at++];
        }

        public int Int32() => Byte() | (Byte() << 8) | (Byte() << 16) | (Byte() << 24);

        public float Single()
        {
            int bits = Int32();
            return System.BitConverter.ToSingle(System.BitConverter.GetBytes(bits), 0);
        }

        public string? Utf8()
        {
            int length = Int32();
            if (!Ok || length < 0 || length > Remaining)
            {
                return null;
            }

            string text = Encoding.UTF8.GetString(bytes, _at, length);
            _at += length;
            return text;
        }
    }
}

/// <summary>What is wrong with a weights file: the diagnostic and its message arguments after the file name.</summary>
internal sealed record WeightsProblem(DiagnosticDescriptor Descriptor, object[] Arguments)
{
    public static WeightsProblem Invalid(string reason) => new(DiagnosticDescriptors.WeightsFileInvalid, [reason]);

    public static WeightsProblem WrongVersion(int version) => new(DiagnosticDescriptors.WeightsFileVersion, [version, WeightsImage.Version]);

    public static WeightsProblem Checksum(uint stored, uint actual) =>
        new(DiagnosticDescriptors.WeightsFileChecksum, [stored.ToString("X8", CultureInfo.InvariantCulture), actual.ToString("X8", CultureInfo.InvariantCulture)]);
}
