using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;

namespace Butterfly.Samples.EmbeddedInference;

/// <summary>
/// Reads one MNIST test image and its label without loading the set: from the uncompressed IDX file when one lies beside
/// the gzipped one (a seek), else by inflating the gzip stream only up to that image (IDX offers no index into the
/// compressed data, so image N costs inflating N · 784 bytes).
/// </summary>
internal static class TestImage
{
    public const int Pixels = 28 * 28;
    private const int ImagesHeader = 16;
    private const int LabelsHeader = 8;

    /// <summary>Image <paramref name="index"/> scaled to [0, 1] into <paramref name="pixels"/>, and its label.</summary>
    public static int Read(string data, int index, Span<float> pixels)
    {
        Span<byte> bytes = stackalloc byte[Pixels];
        ReadAt(Path.Combine(data, "t10k-images-idx3-ubyte"), 0x803, ImagesHeader + (long)index * Pixels, bytes);
        for (int i = 0; i < Pixels; i++)
        {
            pixels[i] = bytes[i] * (1f / 255f);
        }

        Span<byte> label = stackalloc byte[1];
        ReadAt(Path.Combine(data, "t10k-labels-idx1-ubyte"), 0x801, LabelsHeader + (long)index, label);
        return label[0];
    }

    private static void ReadAt(string path, int magic, long offset, Span<byte> destination)
    {
        using var stream = File.Exists(path) ? File.OpenRead(path) : (Stream)new GZipStream(File.OpenRead(path + ".gz"), CompressionMode.Decompress);
        Span<byte> header = stackalloc byte[8];
        stream.ReadExactly(header);
        if (BinaryPrimitives.ReadInt32BigEndian(header) != magic)
        {
            throw new InvalidDataException($"{path}(.gz) is not the IDX file expected here.");
        }

        long count = BinaryPrimitives.ReadInt32BigEndian(header[4..]);
        long headerLength = magic == 0x803 ? ImagesHeader : LabelsHeader;
        long item = magic == 0x803 ? Pixels : 1;
        if (offset - headerLength >= count * item)
        {
            throw new ArgumentOutOfRangeException(nameof(offset), $"The test set holds {count} items.");
        }

        Skip(stream, offset - header.Length);
        stream.ReadExactly(destination);
    }

    private static void Skip(Stream stream, long bytes)
    {
        if (stream.CanSeek)
        {
            stream.Seek(bytes, SeekOrigin.Current);
            return;
        }

        // Inflating is the cost; a large buffer keeps the calls into zlib few.
        var buffer = new byte[Math.Min(bytes, 1 << 20)];
        while (bytes > 0)
        {
            int read = stream.Read(buffer, 0, (int)Math.Min(bytes, buffer.Length));
            if (read == 0)
            {
                throw new EndOfStreamException("The IDX file ended early.");
            }

            bytes -= read;
        }
    }
}
