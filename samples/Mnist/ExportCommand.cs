using System;
using System.CommandLine;
using System.Globalization;
using System.IO;

namespace Butterfly.Samples.Mnist;

/// <summary>
/// <c>export [--weights FILE] [--out DIR] [--name STEM] [--calibration N]</c>: turns trained weights into the files
/// <c>[Network(Weights = ...)]</c> embeds, <c>STEM.bfw.b64</c> (float32) and <c>STEM.bfq.b64</c> (int8, calibrated on the
/// first N training images), and prints both models' test accuracy in-process.
/// </summary>
internal static class ExportCommand
{
    /// <summary>The <c>export</c> command; its action runs <see cref="Execute"/> and prints to the invocation's output.</summary>
    public static Command Create()
    {
        Option<string> weights = new("--weights") { Description = "trained mlp weights.", HelpName = "FILE", DefaultValueFactory = _ => Path.Combine("out", "mnist", "mlp.bfw") };
        Option<string> output = new("--out") { Description = "where STEM.bfw.b64 and STEM.bfq.b64 go.", HelpName = "DIR", DefaultValueFactory = _ => Path.Combine("samples", "EmbeddedInference", "Model") };
        Option<string> name = new("--name") { Description = "the files' stem.", HelpName = "STEM", DefaultValueFactory = _ => "mnist-mlp" };
        Option<string> calibration = new("--calibration") { Description = "training images to calibrate the int8 activations on.", HelpName = "N", DefaultValueFactory = _ => "1000" };
        var command = new Command("export", "Writes the weights files [Network(Weights = ...)] embeds, float32 and int8, and prints both models' test accuracy.")
        {
            weights, output, name, calibration,
        };
        command.SetAction(parsed => Execute(
            parsed.GetValue(weights)!, parsed.GetValue(output)!, parsed.GetValue(name)!, parsed.GetValue(calibration)!, parsed.InvocationConfiguration.Output.WriteLine));
        return command;
    }

    public static int Execute(string weights, string output, string name, string calibration, Action<string> print)
    {
        if (!int.TryParse(calibration, NumberStyles.Integer, CultureInfo.InvariantCulture, out int calibrationCount) || calibrationCount < 1)
        {
            throw new UsageException($"--calibration must be a positive whole number (got '{calibration}').");
        }

        string data = Butterfly.Mnist.FindDataDirectory(Directory.GetCurrentDirectory()) ?? Butterfly.Mnist.FindDataDirectory(AppContext.BaseDirectory)
            ?? throw new UsageException("data/mnist was not found above the current folder or the program.");
        var network = new MnistMlp();
        WeightsFile.Load(network, weights);
        var train = Butterfly.Mnist.LoadTraining(data);
        var test = Butterfly.Mnist.LoadTest(data);
        calibrationCount = Math.Min(calibrationCount, train.Count);
        var quantized = Quantizer.Quantize(network, train.Features[..(calibrationCount * train.SampleLength)]);

        Directory.CreateDirectory(output);
        string floatPath = Path.Combine(output, name + ".bfw.b64");
        string int8Path = Path.Combine(output, name + ".bfq.b64");
        EmbeddedWeights.Export(network, floatPath);
        EmbeddedWeights.Export(quantized, int8Path);

        print(FormattableString.Invariant($"fp32 accuracy: {100.0 * Evaluation.CountCorrect(test, network.Predict, 10) / test.Count:F2}%  -> {floatPath} ({Convert.FromBase64String(EmbeddedWeights.ToText(network)).Length:N0} B embedded)"));
        print(FormattableString.Invariant($"int8 accuracy: {100.0 * Evaluation.CountCorrect(test, quantized.Predict, 10) / test.Count:F2}%  -> {int8Path} ({QuantizedWeightsFile.Encode(quantized).Length:N0} B embedded), calibrated on {calibrationCount} training images"));
        return 0;
    }
}
