using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;
using Butterfly.Data;

namespace Butterfly.Runtime.Tests;

public sealed class IdxFileTests
{
    [Fact]
    public void Reads_images_scaled_to_the_unit_interval()
    {
        using var folder = new TemporaryFolder();
        string path = folder.File("images-idx3-ubyte.gz");
        WriteGzip(path, ImagesFile(count: 2, rows: 2, columns: 3, fill: 255));

        var images = IdxFile.ReadImages(path, out int count, out int rows, out int columns);

        Assert.Equal((2, 2, 3), (count, rows, columns));
        Assert.Equal(12, images.Length);
        Assert.All(images, p => Assert.Equal(1f, p));
    }

    [Fact]
    public void Streams_read_as_files_do_and_errors_name_what_the_caller_called_them()
    {
        var images = IdxFile.ReadImages(new MemoryStream(ImagesFile(count: 3, rows: 2, columns: 2, fill: 51)), "slice-images", out int count, out int rows, out int columns);
        var labels = IdxFile.ReadLabels(new MemoryStream(LabelsFile(count: 3)), "slice-labels");

        Assert.Equal((3, 2, 2), (count, rows, columns));
        Assert.All(images, p => Assert.Equal(51 * (1f / 255f), p));
        Assert.Equal([0, 0, 0], labels);
        var truncated = ImagesFile(count: 3, rows: 2, columns: 2, fill: 0)[..20];
        var error = Assert.Throws<InvalidDataException>(() => IdxFile.ReadImages(new MemoryStream(truncated), "slice-images", out _, out _, out _));
        Assert.StartsWith("slice-images is truncated", error.Message);
    }

    [Fact]
    public void A_wrong_magic_number_is_named()
    {
        using var folder = new TemporaryFolder();
        string path = folder.File("labels-idx1-ubyte.gz");
        WriteGzip(path, ImagesFile(2, 2, 2, 0));

        var error = Assert.Throws<InvalidDataException>(() => IdxFile.ReadLabels(path));

        Assert.Contains("magic number is 0x00000803, expected 0x00000801", error.Message);
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void A_truncated_file_says_how_much_is_missing()
    {
        using var folder = new TemporaryFolder();
        string path = folder.File("images-idx3-ubyte.gz");
        var bytes = ImagesFile(3, 4, 4, 7);
        WriteGzip(path, bytes.AsSpan(0, bytes.Length - 5).ToArray());

        var error = Assert.Throws<InvalidDataException>(() => IdxFile.ReadImages(path, out _, out _, out _));

        Assert.Contains("truncated", error.Message);
        Assert.Contains("48 bytes", error.Message);
        Assert.Contains("43", error.Message);
    }

    [Fact]
    public void Data_beyond_the_header_size_is_rejected()
    {
        using var folder = new TemporaryFolder();
        string path = folder.File("images-idx3-ubyte.gz");
        var bytes = ImagesFile(1, 2, 2, 7);
        Array.Resize(ref bytes, bytes.Length + 3);
        WriteGzip(path, bytes);

        var error = Assert.Throws<InvalidDataException>(() => IdxFile.ReadImages(path, out _, out _, out _));

        Assert.Contains("after the size its header gives", error.Message);
    }

    [Fact]
    public void A_corrupt_gzip_stream_is_reported_as_corrupt()
    {
        using var folder = new TemporaryFolder();
        string path = folder.File("images-idx3-ubyte.gz");
        WriteGzip(path, ImagesFile(8, 28, 28, 9));
        var bytes = File.ReadAllBytes(path);
        for (int i = 20; i < 60; i++)
        {
            bytes[i] ^= 0xFF;
        }

        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<InvalidDataException>(() => IdxFile.ReadImages(path, out _, out _, out _));

        Assert.True(System.Text.RegularExpressions.Regex.IsMatch(error.Message, "corrupt|truncated|magic|invalid"), error.Message);
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void Mnist_rejects_label_and_image_counts_that_disagree()
    {
        using var folder = new TemporaryFolder();
        WriteGzip(folder.File("t10k-images-idx3-ubyte.gz"), ImagesFile(3, 28, 28, 1));
        WriteGzip(folder.File("t10k-labels-idx1-ubyte.gz"), LabelsFile(2));

        var error = Assert.Throws<InvalidDataException>(() => Mnist.LoadTest(folder.Path));

        Assert.Contains("2 labels", error.Message);
        Assert.Contains("3 images", error.Message);
    }

    [Fact]
    public void A_missing_file_names_its_path()
    {
        var error = Assert.Throws<FileNotFoundException>(() => Mnist.LoadTest("/nonexistent"));
        Assert.Contains("/nonexistent", error.Message);
    }

    private static byte[] ImagesFile(int count, int rows, int columns, byte fill)
    {
        var bytes = new byte[16 + count * rows * columns];
        BinaryPrimitives.WriteInt32BigEndian(bytes, IdxFile.ImagesMagic);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), count);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(8), rows);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(12), columns);
        bytes.AsSpan(16).Fill(fill);
        return bytes;
    }

    private static byte[] LabelsFile(int count)
    {
        var bytes = new byte[8 + count];
        BinaryPrimitives.WriteInt32BigEndian(bytes, IdxFile.LabelsMagic);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), count);
        return bytes;
    }

    private static void WriteGzip(string path, byte[] contents)
    {
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        gzip.Write(contents);
    }
}
