using System;
using System.Globalization;
using System.Text;
using Spectre.Console;

namespace Butterfly.Samples.Mnist;

/// <summary>How a run shows itself: a live progress bar on a terminal, plain lines when the output is redirected.</summary>
internal abstract class TrainingDisplay
{
    /// <summary>The display that suits the console this process writes to.</summary>
    public static TrainingDisplay ForConsole() =>
        Console.IsOutputRedirected || !AnsiConsole.Profile.Capabilities.Interactive ? new PlainDisplay() : new TerminalDisplay();

    /// <summary>Writes one line of information.</summary>
    public abstract void Line(string text);

    /// <summary>Runs <paramref name="fit"/>, handing it the per-batch and per-epoch hooks that show its progress.</summary>
    public abstract void Train(Action<Action<BatchProgress>, Action<EpochReport>> fit);

    /// <summary>One line per epoch: losses, accuracies, learning rate, time and throughput.</summary>
    public static string Describe(EpochReport report)
    {
        var line = new StringBuilder();
        var culture = CultureInfo.InvariantCulture;
        line.Append(culture, $"epoch {report.Epoch.ToString(culture).PadLeft(report.Epochs.ToString(culture).Length)}/{report.Epochs}");
        line.Append(culture, $"  loss {report.TrainLoss:F4}");
        if (report.Train is { } train)
        {
            line.Append(culture, $"  train accuracy {train.Accuracy:P2}");
        }

        if (report.Validation is { } validation)
        {
            line.Append(culture, $"  validation loss {validation.Loss:F4} accuracy {validation.Accuracy:P2}");
        }

        if (report.Test is { } test)
        {
            line.Append(culture, $"  test loss {test.Loss:F4}  test accuracy {test.Accuracy:P2}");
        }

        line.Append(culture, $"  lr {report.LearningRate:G3}  {report.Elapsed.TotalSeconds:F2} s ({report.SamplesPerSecond:N0} samples/s)");
        if (report.StoppedEarly)
        {
            line.Append("  stopped early");
        }

        return line.ToString();
    }
}
