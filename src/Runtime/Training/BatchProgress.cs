using System;

namespace Butterfly;

/// <summary>Where an epoch is, after one training step; handed to the trainer's per-batch hook.</summary>
/// <param name="Epoch">The epoch running, from 1.</param>
/// <param name="Epochs">How many epochs the run has.</param>
/// <param name="Step">Steps done in this epoch, from 1.</param>
/// <param name="StepsPerEpoch">Steps in an epoch.</param>
/// <param name="Samples">Samples trained on in this epoch so far.</param>
/// <param name="BatchLoss">The mean loss of the step's batch.</param>
/// <param name="MeanLoss">The mean loss per sample over the epoch so far.</param>
/// <param name="LearningRate">The rate the step used.</param>
/// <param name="Elapsed">Time spent in this epoch's steps so far.</param>
public readonly record struct BatchProgress(
    int Epoch,
    int Epochs,
    int Step,
    int StepsPerEpoch,
    int Samples,
    float BatchLoss,
    float MeanLoss,
    float LearningRate,
    TimeSpan Elapsed)
{
    /// <summary>Training throughput over the epoch so far.</summary>
    public double SamplesPerSecond => Elapsed.Ticks == 0 ? 0 : Samples / Elapsed.TotalSeconds;
}
