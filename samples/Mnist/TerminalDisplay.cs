using System;
using System.Globalization;
using Spectre.Console;

namespace Butterfly.Samples.Mnist;

/// <summary>A Spectre.Console progress bar per epoch, with the running loss and throughput; finished epochs stay as lines above it.</summary>
internal sealed class TerminalDisplay : TrainingDisplay
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
