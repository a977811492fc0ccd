using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using Butterfly.Data;

using Butterfly.Tests;

namespace Butterfly.Runtime.Tests;

public sealed class MnistDataTests
{
    [Fact]
    public void Committed_files_match_their_SHA256SUMS()
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryPaths.MnistDirectory, "SHA256SUMS"))
            .Where(line => line.Length > 0)
            .ToList();
        Assert.Equal(4, lines.Count);
        foreach (var line in lines)
        {
            var parts = line.Split("  ", 2);
            var actual = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(RepositoryPaths.MnistDirectory, parts[1]))));
            Assert.Equal(parts[0], actual);
        }
    }

    [Fact]
    public void Loads_the_full_training_and_test_sets()
    {
        var train = Mnist.LoadTraining(RepositoryPaths.MnistDirectory);
        var test = Mnist.LoadTest(RepositoryPaths.MnistDirectory);
        Assert.Equal((60_000, 784), (train.Count, train.SampleLength));
        Assert.Equal((10_000, 784), (test.Count, test.SampleLength));
        Assert.All(test.Labels.ToArray(), label => Assert.InRange(label, 0, 9));
        Assert.InRange(test.Features.ToArray().Max(), 0.99f, 1f);
        Assert.Equal(0f, test.Features.ToArray().Min());
    }
}
