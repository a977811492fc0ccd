using System;

namespace Butterfly;

/// <summary>How a <see cref="Trainer"/> walks the data.</summary>
public sealed class TrainerOptions
{
    /// <summary>Passes over the training set; positive. Default 10.</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>Samples per step: 1 is online learning, the dataset size is full-batch. Default 32.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Seeds the shuffling, so a seed names the same sequence of batches. Default 1.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Whether to reshuffle the samples before each epoch. Default true.</summary>
    public bool Shuffle { get; init; } = true;

    /// <summary>
    /// Multiplies the learning rate after each epoch (1 keeps it constant). Default 1.
    /// </summary>
    public float LearningRateDecay { get; init; } = 1f;

    /// <summary>Samples per forward pass when scoring the test set. Default 1000.</summary>
    public int EvaluationBatchSize { get; init; } = 1000;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Epochs, nameof(Epochs));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(BatchSize, nameof(BatchSize));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(EvaluationBatchSize, nameof(EvaluationBatchSize));
        if (!(LearningRateDecay > 0f && LearningRateDecay <= 1f))
        {
            throw new ArgumentOutOfRangeException(nameof(LearningRateDecay), LearningRateDecay, "LearningRateDecay must be in (0, 1].");
        }
    }
}
