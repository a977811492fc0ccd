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

    /// <summary>A Spectre.Console progress bar per epoch, with the running loss and throughput; finished epochs stay as lines above it.</summary>
    private sealed class TerminalDisplay : TrainingDisplay
    {
        /// <summary>How often the bar's text is rebuilt; the bar itself moves every step.</summary>
        private static readonly TimeSpan DescriptionInterval = TimeSpan.FromMilliseconds(100);

        public override void Line(string text) => AnsiConsole.WriteLine(text);

        public override void Train(Action<Action<BatchProgress>, Action<EpochReport>> fit) =>
            AnsiConsole.Progress()
                .AutoClear(true)
                .HideCompleted(true)
                .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .Start(context =>
                {
                    ProgressTask? task = null;
                    var described = TimeSpan.Zero;
                    fit(
                        progress =>
                        {
                            if (task is null)
                            {
                                task = context.AddTask($"epoch {progress.Epoch}/{progress.Epochs}", maxValue: progress.StepsPerEpoch);
                                described = TimeSpan.Zero;
                            }

                            task.Value = progress.Step;
                            if (progress.Elapsed - described >= DescriptionInterval)
                            {
                                described = progress.Elapsed;
                                task.Description = string.Create(
                                    CultureInfo.InvariantCulture,
                                    $"epoch {progress.Epoch}/{progress.Epochs}  loss {progress.MeanLoss:F4}  {progress.SamplesPerSecond:N0} samples/s");
                            }
                        },
                        report =>
                        {
                            if (task is not null)
                            {
                                task.StopTask();
                                task = null;
                            }

                            AnsiConsole.WriteLine(Describe(report));
                        });
                });
    }

    /// <summary>Plain lines: one per epoch, and a progress line every few seconds inside a long epoch.</summary>
    private sealed class PlainDisplay : TrainingDisplay
    {
        private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(10);

        public override void Line(string text) => Console.WriteLine(text);

        public override void Train(Action<Action<BatchProgress>, Action<EpochReport>> fit)
        {
            var reported = TimeSpan.Zero;
            int epoch = 0;
            fit(
                progress =>
                {
                    if (progress.Epoch != epoch)
                    {
                        epoch = progress.Epoch;
                        reported = TimeSpan.Zero;
                    }

                    if (progress.Elapsed - reported >= ProgressInterval)
                    {
                        reported = progress.Elapsed;
                        Console.WriteLine(string.Create(
                            CultureInfo.InvariantCulture,
                            $"  epoch {progress.Epoch}/{progress.Epochs}: {(double)progress.Step / progress.StepsPerEpoch:P0} ({progress.Step}/{progress.StepsPerEpoch} steps)  loss {progress.MeanLoss:F4}  {progress.SamplesPerSecond:N0} samples/s"));
                    }
                },
                report => Console.WriteLine(Describe(report)));
        }
    }
}
