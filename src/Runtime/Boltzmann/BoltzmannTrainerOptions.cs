using System;

namespace Butterfly;

/// <summary>How a <see cref="BoltzmannTrainer"/> trains a machine.</summary>
public sealed record BoltzmannTrainerOptions
{
    /// <summary>Epochs to train in total (a resumed or repeated <c>Fit</c> continues up to it); positive. Default 10.</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>Samples per step; positive. Default 100.</summary>
    public int BatchSize { get; init; } = 100;

    /// <summary><c>k</c>: Gibbs steps per training step; positive. Default 1 (CD-1).</summary>
    public int GibbsSteps { get; init; } = 1;

    /// <summary>Whether the negative phase runs persistent chains (PCD, Tieleman 2008) instead of chains started at the data.</summary>
    public bool Persistent { get; init; }

    /// <summary>Seeds the shuffles and every draw of the Gibbs chains. Default 1.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>
    /// The learning rate per step; <see langword="null"/> (the default) keeps the optimizer's own. A pure function of
    /// the position, as for networks.
    /// </summary>
    public LearningRateSchedule? Schedule { get; init; }

    /// <summary>Samples (the first ones of the data) on which each epoch's pseudo-log-likelihood is measured; 0 skips it. Default 1,000.</summary>
    public int MonitorSamples { get; init; } = 1000;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Epochs, nameof(Epochs));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(BatchSize, nameof(BatchSize));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(GibbsSteps, nameof(GibbsSteps));
        ArgumentOutOfRangeException.ThrowIfNegative(MonitorSamples, nameof(MonitorSamples));
    }
}

/// <summary>What one epoch of a <see cref="BoltzmannTrainer"/> measured.</summary>
/// <param name="Epoch">The epoch, from 1.</param>
/// <param name="ReconstructionError">The mean over the epoch's steps of the batches' mean <c>‖v - p(v | h)‖²</c>.</param>
/// <param name="PseudoLogLikelihood">The mean stochastic pseudo-log-likelihood of the monitored samples after the epoch; NaN when not measured.</param>
/// <param name="Seconds">Wall-clock time of the epoch's training steps.</param>
public readonly record struct BoltzmannEpochReport(int Epoch, float ReconstructionError, float PseudoLogLikelihood, double Seconds);
