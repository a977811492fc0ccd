using System;
using System.Globalization;
using System.IO;
using System.Text.RegularExpressions;
using Butterfly.Data;
using Butterfly.Tests;

namespace Butterfly.Integration.Tests;

/// <summary>
/// The embedded-inference promise end to end: samples/EmbeddedInference publishes with NativeAOT without a trimming or
/// AOT warning, and the native program's float32 accuracy equals the in-process network's with the same weights
/// exactly, at least 97.5%, with int8 within half a point.
/// </summary>
[Collection(DotnetBuilds.Name)]
public sealed partial class EmbeddedInferenceTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "butterfly-embedded-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void Native_sample_matches_the_in_process_network_and_publishes_without_warnings()
    {
        string publish = Path.Combine(_folder, "publish");
        string log = DotnetCommand.Run(
            RepositoryPaths.Root,
            "publish", "samples/EmbeddedInference", "-c", "Release", "-r", "linux-x64", "-p:PublishAot=true", "-o", publish);
        Assert.DoesNotMatch(TrimmingOrAotWarning(), log);
        Assert.Contains("Generating native code", log);

        string program = Path.Combine(publish, "EmbeddedInference");
        string output = DotnetCommand.RunProgram(program, RepositoryPaths.Root);
        int fp32 = Correct(output, "fp32");
        int int8 = Correct(output, "int8");
        Assert.Equal(InProcessCorrect(), fp32);
        Assert.True(fp32 >= 9750, $"fp32 accuracy {fp32 / 100.0:F2}% is below 97.5%.\n{output}");
        Assert.True(Math.Abs(fp32 - int8) <= 50, $"int8 {int8 / 100.0:F2}% is more than 0.5 points from fp32 {fp32 / 100.0:F2}%.\n{output}");
        Assert.Contains("binary size:", output);
        Assert.Contains("latency per image:", output);

        // One image alone, with the data folder given rather than found.
        var labels = IdxFile.ReadLabels(Path.Combine(RepositoryPaths.MnistDirectory, "t10k-labels-idx1-ubyte.gz"));
        string single = DotnetCommand.RunProgram(program, _folder, "--data", RepositoryPaths.MnistDirectory, "--image", "9999");
        Assert.Contains($"image 9999: label {labels[9999]}, fp32 predicts", single);
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    /// <summary>Correct test images of the same trained weights, loaded into a network instance in this process.</summary>
    private static int InProcessCorrect()
    {
        string text = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "samples", "EmbeddedInference", "Model", "mnist-mlp.bfw.b64"));
        string weights = Path.Combine(Path.GetTempPath(), "butterfly-embedded-" + Guid.NewGuid().ToString("N") + ".bfw");
        var network = new InProcessMnist();
        try
        {
            File.WriteAllBytes(weights, Convert.FromBase64String(text));
            WeightsFile.Load(network, weights);
        }
        finally
        {
            File.Delete(weights);
        }

        // Predict, one image at a time, as the sample classifies.
        return Evaluation.CountCorrect(Mnist.LoadTest(RepositoryPaths.MnistDirectory), network.Predict, 10);
    }

    private static int Correct(string output, string precision)
    {
        var match = Regex.Match(output, precision + @" accuracy: \d+\.\d\d% \((?<correct>\d+)/10000\)");
        Assert.True(match.Success, $"No '{precision} accuracy' line in:\n{output}");
        return int.Parse(match.Groups["correct"].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"warning IL[23]\d{3}")]
    private static partial Regex TrimmingOrAotWarning();
}
