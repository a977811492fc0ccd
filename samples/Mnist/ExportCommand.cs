using System;
using System.Collections.Generic;
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
    public const string Name = "export";

    public static string Usage =>
        "Usage: dotnet run -c Release --project samples/Mnist -- export [--weights FILE] [--out DIR] [--name STEM] [--calibration N]\n" +
        "  --weights FILE     trained mlp weights. Default out/mnist/mlp.bfw.\n" +
        "  --out DIR          where STEM.bfw.b64 and STEM.bfq.b64 go. Default samples/EmbeddedInference/Model.\n" +
        "  --name STEM        Default mnist-mlp.\n" +
        "  --calibration N    training images to calibrate the int8 activations on. Default 1000.\n";

    public static int Execute(IReadOnlyList<string> args, Action<string> print)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["weights"] = Path.Combine("out", "mnist", "mlp.bfw"),
            ["out"] = Path.Combine("samples", "EmbeddedInference", "Model"),
            ["name"] = "mnist-mlp",
            ["calibration"] = "1000",
        };
        for (int i = 0; i < args.Count; i++)
        {
            string name = args[i].StartsWith("--", StringComparison.Ordinal) ? args[i][2..] : "";
            if (name is "help" or "h")
            {
                print(Usage);
                return 0;
            }

            if (!values.ContainsKey(name) || i + 1 == args.Count)
            {
                throw new UsageException($"export takes --weights, --out, --name and --calibration, each with a value (got '{args[i]}').");
            }

            values[name] = args[++i];
        }

        if (!int.TryParse(values["calibration"], NumberStyles.Integer, CultureInfo.InvariantCulture, out int calibrationCount) || calibrationCount < 1)
        {
            throw new UsageException($"--calibration must be a positive whole number (got '{values["calibration"]}').");
        }

        string data = Butterfly.Mnist.FindDataDirectory(Directory.GetCurrentDirectory()) ?? Butterfly.Mnist.FindDataDirectory(AppContext.BaseDirectory)
            ?? throw new UsageException("data/mnist was not found above the current folder or the program.");
        var network = new MnistMlp();
        WeightsFile.Load(network, values["weights"]);
        var train = Butterfly.Mnist.LoadTraining(data);
        var test = Butterfly.Mnist.LoadTest(data);
        calibrationCount = Math.Min(calibrationCount, train.Count);
        var quantized = Quantizer.Quantize(network, train.Features[..(calibrationCount * train.SampleLength)]);

        Directory.CreateDirectory(values["out"]);
        string floatPath = Path.Combine(values["out"], values["name"] + ".bfw.b64");
        string int8Path = Path.Combine(values["out"], values["name"] + ".bfq.b64");
        EmbeddedWeights.Export(network, floatPath);
        EmbeddedWeights.Export(quantized, int8Path);

        print(FormattableString.Invariant($"fp32 accuracy: {100.0 * Evaluation.CountCorrect(test, network.Predict, 10) / test.Count:F2}%  -> {floatPath} ({Convert.FromBase64String(EmbeddedWeights.ToText(network)).Length:N0} B embedded)"));
        print(FormattableString.Invariant($"int8 accuracy: {100.0 * Evaluation.CountCorrect(test, quantized.Predict, 10) / test.Count:F2}%  -> {int8Path} ({QuantizedWeightsFile.Encode(quantized).Length:N0} B embedded), calibrated on {calibrationCount} training images"));
        return 0;
    }
}
