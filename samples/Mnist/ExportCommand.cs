using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;

namespace Butterfly.Samples.Mnist;

/// <summary>
/// <c>export [--network NAME] [--weights FILE] [--out DIR] [--name STEM] [--calibration N]</c>: turns trained weights
/// into the files <c>[Network(Weights = ...)]</c> embeds, <c>STEM.bfw.b64</c> (float32) and, for a network int8 covers,
/// <c>STEM.bfq.b64</c> (int8, calibrated on the first N training images), and prints the models' test accuracy
/// in-process. <c>export --onnx FILE [--network NAME] [--weights FILE]</c> writes the trained network as an ONNX model
/// instead (<see cref="OnnxExport"/>), for ONNX Runtime and other ONNX tools.
/// </summary>
internal static class ExportCommand
{
    /// <summary>The <c>export</c> command; its action runs <see cref="Execute"/> and prints to the invocation's output.</summary>
    public static Command Create()
    {
        Option<string> network = new("--network") { Description = "the network the weights are for: " + string.Join(", ", NetworkChoice.All.Select(n => n.Name)) + ".", HelpName = "NAME", DefaultValueFactory = _ => "mlp" };
        network.CompletionSources.Add(NetworkChoice.All.Select(n => n.Name).ToArray());
        Option<string?> weights = new("--weights") { Description = "the trained weights. Default out/mnist/NETWORK.bfw.", HelpName = "FILE" };
        Option<string> output = new("--out") { Description = "where STEM.bfw.b64 and STEM.bfq.b64 go.", HelpName = "DIR", DefaultValueFactory = _ => Path.Combine("samples", "EmbeddedInference", "Model") };
        Option<string?> name = new("--name") { Description = "the files' stem. Default mnist-NETWORK.", HelpName = "STEM" };
        Option<string> calibration = new("--calibration") { Description = "training images to calibrate the int8 activations on.", HelpName = "N", DefaultValueFactory = _ => "1000" };
        Option<string?> onnx = new("--onnx") { Description = "write the trained network as an ONNX model (opset 17, or 20 with GELU) to FILE instead of the embedded weights files.", HelpName = "FILE" };
        var command = new Command("export", "Writes the weights files [Network(Weights = ...)] embeds, float32 and (where int8 covers the layers) int8, and prints the models' test accuracy; with --onnx, an ONNX model instead.")
        {
            network, weights, output, name, calibration, onnx,
        };
        command.SetAction(parsed =>
        {
            var choice = NetworkChoice.Find(parsed.GetValue(network)!);
            string trained = parsed.GetValue(weights) ?? Path.Combine("out", "mnist", choice.Name + ".bfw");
            if (parsed.GetValue(onnx) is { } onnxPath)
            {
                return ExecuteOnnx(choice, trained, onnxPath, parsed.InvocationConfiguration.Output.WriteLine);
            }

            return Execute(
                choice,
                trained,
                parsed.GetValue(output)!,
                parsed.GetValue(name) ?? "mnist-" + choice.Name,
                parsed.GetValue(calibration)!,
                parsed.InvocationConfiguration.Output.WriteLine);
        });
        return command;
    }

    /// <summary>Loads the trained weights into the network and writes it as an ONNX model to <paramref name="path"/>.</summary>
    public static int ExecuteOnnx(NetworkChoice choice, string weights, string path, Action<string> print)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new UsageException("--onnx needs a file name, such as --onnx out/mnist/mlp.onnx.");
        }

        var network = choice.Create(1);
        WeightsFile.Load(network, weights);
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        OnnxExport.Save(network, path);
        print(FormattableString.Invariant($"onnx: {network.Signature} with the weights of {weights} -> {path} ({new FileInfo(path).Length:N0} B)"));
        return 0;
    }

    public static int Execute(NetworkChoice choice, string weights, string output, string name, string calibration, Action<string> print)
    {
        if (!int.TryParse(calibration, NumberStyles.Integer, CultureInfo.InvariantCulture, out int calibrationCount) || calibrationCount < 1)
        {
            throw new UsageException($"--calibration must be a positive whole number (got '{calibration}').");
        }

        string data = Butterfly.Data.Mnist.FindDataDirectory(Directory.GetCurrentDirectory()) ?? Butterfly.Data.Mnist.FindDataDirectory(AppContext.BaseDirectory)
            ?? throw new UsageException("data/mnist was not found above the current folder or the program.");
        var network = choice.Create(1);
        WeightsFile.Load(network, weights);
        var train = Butterfly.Data.Mnist.LoadTraining(data);
        var test = Butterfly.Data.Mnist.LoadTest(data);

        Directory.CreateDirectory(output);
        string floatPath = Path.Combine(output, name + ".bfw.b64");
        EmbeddedWeights.Export(network, floatPath);
        print(FormattableString.Invariant($"fp32 accuracy: {100.0 * Evaluation.CountCorrect(test, network.Predict, 10) / test.Count:F2}%  -> {floatPath} ({Convert.FromBase64String(EmbeddedWeights.ToText(network)).Length:N0} B embedded)"));

        calibrationCount = Math.Min(calibrationCount, train.Count);
        QuantizedNetwork quantized;
        try
        {
            quantized = Quantizer.Quantize(network, train.Features[..(calibrationCount * train.SampleLength)]);
        }
        catch (NotSupportedException e)
        {
            print($"int8: not exported, {e.Message}");
            return 0;
        }

        string int8Path = Path.Combine(output, name + ".bfq.b64");
        EmbeddedWeights.Export(quantized, int8Path);
        print(FormattableString.Invariant($"int8 accuracy: {100.0 * Evaluation.CountCorrect(test, quantized.Predict, 10) / test.Count:F2}%  -> {int8Path} ({QuantizedWeightsFile.Encode(quantized).Length:N0} B embedded), calibrated on {calibrationCount} training images"));
        return 0;
    }
}
