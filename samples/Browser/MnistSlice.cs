using System;
using System.IO;
using System.IO.Compression;
using System.Net.Http;
using System.Threading.Tasks;
using Butterfly.Data;

namespace Butterfly.Samples.Browser;

/// <summary>
/// The part of MNIST the page ships (wwwroot/mnist): the first 6,000 training images and the first 1,000 test
/// images, gzipped IDX files of about 1.1 MB together.
/// </summary>
internal static class MnistSlice
{
    public static async Task<(Dataset Train, Dataset Test)> LoadAsync(HttpClient http) =>
        (await LoadAsync(http, "mnist/train-6000"), await LoadAsync(http, "mnist/t10k-1000"));

    private static async Task<Dataset> LoadAsync(HttpClient http, string stem)
    {
        var images = IdxFile.ReadImages(await OpenAsync(http, stem + "-images-idx3-ubyte.gz"), stem, out _, out int rows, out int columns);
        var labels = IdxFile.ReadLabels(await OpenAsync(http, stem + "-labels-idx1-ubyte.gz"), stem);
        return Dataset.WithLabels(images, rows * columns, labels);
    }

    /// <summary>The file's bytes, decompressed here unless a server already did (with Content-Encoding: gzip).</summary>
    private static async Task<Stream> OpenAsync(HttpClient http, string address)
    {
        var bytes = await http.GetByteArrayAsync(address);
        Stream stream = new MemoryStream(bytes);
        return bytes is [0x1f, 0x8b, ..] ? new GZipStream(stream, CompressionMode.Decompress) : stream;
    }
}
