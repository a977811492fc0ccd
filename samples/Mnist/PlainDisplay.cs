using System;
using System.Globalization;

namespace Butterfly.Samples.Mnist;

/// <summary>Plain lines: one per epoch, and a progress line every few seconds inside a long epoch.</summary>
internal sealed class PlainDisplay : TrainingDisplay
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
