using System;
using System.IO;

namespace Butterfly.Data;

/// <summary>The MNIST handwritten digits (LeCun, Cortes and Burges): 28x28 grey images, labels 0-9.</summary>
public static class Mnist
{
    /// <summary>Pixels per image.</summary>
    public const int ImageLength = 28 * 28;

    /// <summary>Digit classes.</summary>
    public const int ClassCount = 10;

    /// <summary>The 60,000 training images from <paramref name="directory"/> (<c>train-*-ubyte.gz</c>).</summary>
    public static Dataset LoadTraining(string directory) => Load(directory, "train");

    /// <summary>The 10,000 test images from <paramref name="directory"/> (<c>t10k-*-ubyte.gz</c>).</summary>
    public static Dataset LoadTest(string directory) => Load(directory, "t10k");

    /// <summary>
    /// Looks for <c>data/mnist</c> in <paramref name="start"/> and each folder above it.
    /// </summary>
    /// <returns>The folder, or null when none above holds it.</returns>
    public static string? FindDataDirectory(string start)
    {
        ArgumentNullException.ThrowIfNull(start);
        for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
        {
            string candidate = Path.Combine(folder.FullName, "data", "mnist");
            if (File.Exists(Path.Combine(candidate, "t10k-labels-idx1-ubyte.gz")))
            {
                return candidate;
            }
        }

        return null;
    }

    private static Dataset Load(string directory, string prefix)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        string imagesPath = Path.Combine(directory, prefix + "-images-idx3-ubyte.gz");
        string labelsPath = Path.Combine(directory, prefix + "-labels-idx1-ubyte.gz");
        var images = IdxFile.ReadImages(imagesPath, out int count, out int rows, out int columns);
        if (rows * columns != ImageLength)
        {
            throw new InvalidDataException($"{imagesPath} holds {rows}x{columns} images; MNIST images are 28x28.");
        }

        var labels = IdxFile.ReadLabels(labelsPath);
        if (labels.Length != count)
        {
            throw new InvalidDataException($"{labelsPath} holds {labels.Length} labels but {imagesPath} holds {count} images.");
        }

        int bad = Array.FindIndex(labels, label => label >= ClassCount);
        if (bad >= 0)
        {
            throw new InvalidDataException($"{labelsPath}: label {bad} is {labels[bad]}; MNIST labels are 0-9.");
        }

        return Dataset.WithLabels(images, ImageLength, labels);
    }
}
