using System;
using System.Buffers.Binary;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;

namespace Butterfly;

/// <summary>
/// Saves and loads a network's parameters in Butterfly's <c>.bfw</c> format (little-endian):
/// <code>
/// "BFLY"            4 bytes, magic
/// version           uint32, currently 1
/// signature length  int32, then the network signature in UTF-8
/// count             int32, the number of parameters
/// parameters        count float32 values
/// crc               uint32, CRC-32 of every byte before it
/// </code>
/// </summary>
public static class WeightsFile
{
    /// <summary>The format version this runtime writes and reads.</summary>
    public const int Version = 1;

    private static ReadOnlySpan<byte> Magic => "BFLY"u8;

    /// <summary>
    /// Writes <paramref name="network"/>'s parameters to <paramref name="path"/>. The file is written beside the
    /// target under a temporary name and then renamed over it, so a failed save leaves any old file intact.
    /// </summary>
    public static void Save(INetwork network, string path)
    {
        ArgumentNullException.ThrowIfNull(network);
        Save(network.Signature, network.Parameters, path);
    }

    /// <summary>
    /// Writes <paramref name="machine"/>'s parameters to <paramref name="path"/>, atomically as for a network.
    /// </summary>
    public static void Save(IBoltzmannMachine machine, string path)
    {
        ArgumentNullException.ThrowIfNull(machine);
        Save(machine.Signature, machine.Parameters, path);
    }

    /// <summary>
    /// Reads <paramref name="path"/> into <paramref name="network"/>'s parameters.
    /// </summary>
    /// <exception cref="InvalidDataException">
    /// The file is not a weights file, is truncated or corrupt, has another version, or was saved from a network
    /// with another signature or another structure (such as a hierarchical softmax's class tree). The network is unchanged.
    /// </exception>
    public static void Load(INetwork network, string path)
    {
        ArgumentNullException.ThrowIfNull(network);
        Load(network.Signature, network.Parameters, network.ParameterBlocks, path);
    }

    /// <summary>Reads <paramref name="path"/> into <paramref name="machine"/>'s parameters.</summary>
    /// <exception cref="InvalidDataException">
    /// The file is not a weights file, is truncated or corrupt, has another version, or was saved from a model with
    /// another signature. The machine is unchanged.
    /// </exception>
    public static void Load(IBoltzmannMachine machine, string path)
    {
        ArgumentNullException.ThrowIfNull(machine);
        Load(machine.Signature, machine.Parameters, [], path);
    }

    private static void Save(string signature, ReadOnlySpan<float> parameters, string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        AtomicFile.Write(path, Encode(signature, parameters));
    }

    private static void Load(string modelSignature, Span<float> modelParameters, ReadOnlySpan<ParameterBlock> modelBlocks, string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var parameters = Read(path, out string signature);
        if (signature != modelSignature)
        {
            throw new InvalidDataException(
                $"{path} was saved from network '{signature}' and cannot load into network '{modelSignature}'.");
        }

        if (parameters.Length != modelParameters.Length)
        {
            throw new InvalidDataException(
                $"{path} holds {parameters.Length} parameters but network '{modelSignature}' has {modelParameters.Length}.");
        }

        StructureCheck.Verify(modelBlocks, modelParameters, parameters, path);
        parameters.CopyTo(modelParameters);
    }

    /// <summary>Reads and checks a weights file without a network.</summary>
    /// <param name="path">The file.</param>
    /// <param name="signature">The signature of the network it was saved from.</param>
    /// <returns>The parameters.</returns>
    public static float[] Read(string path, out string signature)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Weights file not found: {path}", path);
        }

        return Decode(File.ReadAllBytes(path), path, out signature);
    }

    internal static byte[] Encode(string signature, ReadOnlySpan<float> parameters)
    {
        int signatureLength = Encoding.UTF8.GetByteCount(signature);
        var bytes = new byte[4 + 4 + 4 + signatureLength + 4 + parameters.Length * 4L + 4];
        var span = bytes.AsSpan();
        Magic.CopyTo(span);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], Version);
        BinaryPrimitives.WriteInt32LittleEndian(span[8..], signatureLength);
        Encoding.UTF8.GetBytes(signature, span.Slice(12, signatureLength));
        int at = 12 + signatureLength;
        BinaryPrimitives.WriteInt32LittleEndian(span[at..], parameters.Length);
        at += 4;
        var data = span.Slice(at, parameters.Length * 4);
        if (BitConverter.IsLittleEndian)
        {
            MemoryMarshal.AsBytes(parameters).CopyTo(data);
        }
        else
        {
            for (int i = 0; i < parameters.Length; i++)
            {
                BinaryPrimitives.WriteSingleLittleEndian(data[(i * 4)..], parameters[i]);
            }
        }

        at += data.Length;
        BinaryPrimitives.WriteUInt32LittleEndian(span[at..], Crc32.Compute(span[..at]));
        return bytes;
    }

    internal static float[] Decode(ReadOnlySpan<byte> bytes, string path, out string signature)
    {
        const int FixedBytes = 4 + 4 + 4 + 4 + 4;
        if (bytes.Length < 4 || !bytes[..4].SequenceEqual(Magic))
        {
            throw new InvalidDataException($"{path} is not a Butterfly weights file (it does not start with \"BFLY\").");
        }

        if (bytes.Length < FixedBytes)
        {
            throw new InvalidDataException($"{path} is truncated: {bytes.Length} bytes is shorter than any weights file.");
        }

        int version = BinaryPrimitives.ReadInt32LittleEndian(bytes[4..]);
        if (version != Version)
        {
            throw new InvalidDataException($"{path} has format version {version}; this runtime reads version {Version}.");
        }

        int signatureLength = BinaryPrimitives.ReadInt32LittleEndian(bytes[8..]);
        if (signatureLength < 0 || signatureLength > bytes.Length - FixedBytes)
        {
            throw new InvalidDataException($"{path} is truncated or corrupt: its signature length {signatureLength} does not fit the file.");
        }

        int at = 12 + signatureLength;
        int count = BinaryPrimitives.ReadInt32LittleEndian(bytes[at..]);
        long expected = (long)FixedBytes + signatureLength + count * 4L;
        if (count < 0 || expected != bytes.Length)
        {
            throw new InvalidDataException(
                $"{path} is truncated or corrupt: a file of {count} parameters is {expected} bytes, this one is {bytes.Length}.");
        }

        uint stored = BinaryPrimitives.ReadUInt32LittleEndian(bytes[^4..]);
        uint actual = Crc32.Compute(bytes[..^4]);
        if (stored != actual)
        {
            throw new InvalidDataException($"{path} is corrupt: its checksum is 0x{stored:X8} but its contents give 0x{actual:X8}.");
        }

        signature = Encoding.UTF8.GetString(bytes.Slice(12, signatureLength));
        var parameters = new float[count];
        var data = bytes.Slice(at + 4, count * 4);
        for (int i = 0; i < count; i++)
        {
            parameters[i] = BinaryPrimitives.ReadSingleLittleEndian(data[(i * 4)..]);
        }

        return parameters;
    }
}
