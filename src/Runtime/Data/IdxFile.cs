using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;

namespace Butterfly.Data;

/// <summary>
/// Reads the IDX files MNIST ships in (LeCun et al.), gzipped or not: a big-endian header (magic number, then
/// one 32-bit size per dimension) followed by unsigned bytes.
/// </summary>
public static class IdxFile
{
    /// <summary>The magic number of an unsigned-byte file of rank 3 (images).</summary>
    public const int ImagesMagic = 0x00000803;

    /// <summary>The magic number of an unsigned-byte file of rank 1 (labels).</summary>
    public const int LabelsMagic = 0x00000801;

    /// <summary>
    /// Reads images, scaled to [0, 1], row-major, one after another.
    /// </summary>
    /// <param name="path">An IDX3 file, optionally gzipped (by a <c>.gz</c> ending).</param>
    /// <param name="count">How many images the file holds.</param>
    /// <param name="rows">Pixel rows per image.</param>
    /// <param name="columns">Pixel columns per image.</param>
    /// <exception cref="InvalidDataException">The file is not an IDX image file, or is truncated or corrupt.</exception>
    public static float[] ReadImages(string path, out int count, out int rows, out int columns)
    {
        using var stream = Open(path);
        return ReadImages(stream, path, out count, out rows, out columns);
    }

    /// <summary>
    /// Reads images from <paramref name="stream"/> (already decompressed), scaled to [0, 1], row-major, one after
    /// another: for data that is not a file, such as a download in the browser.
    /// </summary>
    /// <param name="stream">The IDX3 bytes, read to their end.</param>
    /// <param name="name">What to call the data in error messages, such as its file name or address.</param>
    /// <param name="count">How many images the data holds.</param>
    /// <param name="rows">Pixel rows per image.</param>
    /// <param name="columns">Pixel columns per image.</param>
    /// <exception cref="InvalidDataException">The data is not IDX images, or is truncated or corrupt.</exception>
    public static float[] ReadImages(Stream stream, string name, out int count, out int rows, out int columns)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(name);
        var header = ReadExactly(stream, 16, name, "the 16-byte image header");
        CheckMagic(header, ImagesMagic, name, "images (IDX3, unsigned bytes)");
        count = ReadSize(header, 4, name, "image count");
        rows = ReadSize(header, 8, name, "row count");
        columns = ReadSize(header, 12, name, "column count");
        long total = (long)count * rows * columns;
        if (total > Array.MaxLength)
        {
            throw new InvalidDataException($"{name}: {count} images of {rows}x{columns} pixels is more than one array can hold.");
        }

        var pixels = ReadExactly(stream, (int)total, name, $"{count} images of {rows}x{columns} pixels");
        CheckAtEnd(stream, name);
        var images = new float[total];
        for (long i = 0; i < total; i++)
        {
            images[i] = pixels[i] * (1f / 255f);
        }

        return images;
    }

    /// <summary>Reads class labels.</summary>
    /// <param name="path">An IDX1 file, optionally gzipped (by a <c>.gz</c> ending).</param>
    /// <exception cref="InvalidDataException">The file is not an IDX label file, or is truncated or corrupt.</exception>
    public static int[] ReadLabels(string path)
    {
        using var stream = Open(path);
        return ReadLabels(stream, path);
    }

    /// <summary>Reads class labels from <paramref name="stream"/> (already decompressed).</summary>
    /// <param name="stream">The IDX1 bytes, read to their end.</param>
    /// <param name="name">What to call the data in error messages, such as its file name or address.</param>
    /// <exception cref="InvalidDataException">The data is not IDX labels, or is truncated or corrupt.</exception>
    public static int[] ReadLabels(Stream stream, string name)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(name);
        var header = ReadExactly(stream, 8, name, "the 8-byte label header");
        CheckMagic(header, LabelsMagic, name, "labels (IDX1, unsigned bytes)");
        int count = ReadSize(header, 4, name, "label count");
        var bytes = ReadExactly(stream, count, name, $"{count} labels");
        CheckAtEnd(stream, name);
        var labels = new int[count];
        for (int i = 0; i < count; i++)
        {
            labels[i] = bytes[i];
        }

        return labels;
    }

    private static Stream Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"IDX file not found: {path}", path);
        }

        Stream file = File.OpenRead(path);
        return path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file;
    }

    private static byte[] ReadExactly(Stream stream, int length, string path, string what)
    {
        var buffer = new byte[length];
        int read;
        try
        {
            read = stream.ReadAtLeast(buffer, length, throwOnEndOfStream: false);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{path} is corrupt: its gzip data cannot be decompressed ({e.Message}).", e);
        }

        if (read < length)
        {
            throw new InvalidDataException($"{path} is truncated: expected {what} ({length} bytes), found only {read}.");
        }

        return buffer;
    }

    private static void CheckMagic(byte[] header, int expected, string path, string what)
    {
        int magic = BinaryPrimitives.ReadInt32BigEndian(header);
        if (magic != expected)
        {
            throw new InvalidDataException(
                $"{path} is not an IDX file of {what}: its magic number is 0x{magic:X8}, expected 0x{expected:X8}.");
        }
    }

    private static int ReadSize(byte[] header, int offset, string path, string what)
    {
        int size = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(offset));
        if (size <= 0)
        {
            throw new InvalidDataException($"{path} has an invalid {what} ({size}); it must be positive.");
        }

        return size;
    }

    private static void CheckAtEnd(Stream stream, string path)
    {
        Span<byte> probe = stackalloc byte[1];
        int extra;
        try
        {
            extra = stream.Read(probe);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{path} is corrupt: its gzip data cannot be decompressed ({e.Message}).", e);
        }

        if (extra != 0)
        {
            throw new InvalidDataException($"{path} has data after the size its header gives; the header or the file is wrong.");
        }
    }
}
