using System;
using System.Collections.Generic;
using System.Globalization;

namespace Butterfly;

/// <summary>How a <see cref="Trainer"/> walks the data.</summary>
public sealed class TrainerOptions
{
    /// <summary>A <see cref="BatchSize"/> that means the whole training set: full-batch gradient descent.</summary>
    public const int FullBatch = int.MaxValue;

    /// <summary>Passes over the training set; positive. A resumed run continues up to this many in total. Default 10.</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>
    /// Samples per step: 1 is online learning, <see cref="FullBatch"/> (or anything at least the dataset size) is
    /// full-batch, anything between is mini-batch. The last batch of an epoch may be smaller. Default 32.
    /// </summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Seeds the shuffling and the validation split, so a seed names the same sequence of batches. Default 1.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Whether to reshuffle the samples before each epoch. Default true.</summary>
    public bool Shuffle { get; init; } = true;

    /// <summary>
    /// Sets the optimizer's learning rate before every step; null leaves the rate the optimizer has. Default null.
    /// </summary>
    public LearningRateSchedule? Schedule { get; init; }

    /// <summary>
    /// The share of the training set held out (by a seeded draw) to score after each epoch, in [0, 1); 0 holds
    /// out nothing. Early stopping watches it. Default 0.
    /// </summary>
    public double ValidationFraction { get; init; }

    /// <summary>Stops when the validation loss stops improving; needs <see cref="ValidationFraction"/> above 0. Default null.</summary>
    public EarlyStopping? EarlyStopping { get; init; }

    /// <summary>
    /// Whether to score the whole training set (loss and accuracy, with the epoch's final weights) after each
    /// epoch, for curves that compare like with like. It costs a forward pass over the training set. Default false.
    /// </summary>
    public bool ScoreTrainingSet { get; init; }

    /// <summary>
    /// A random change to each training input, drawn afresh at every step (for images, <see cref="RandomShift"/>); null
    /// trains on the data as it is. Scoring always sees the data as it is. Default null.
    /// </summary>
    public Augmentation? Augmentation { get; init; }

    /// <summary>Samples per forward pass when scoring. Default 1000.</summary>
    public int EvaluationBatchSize { get; init; } = 1000;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Epochs, nameof(Epochs));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(BatchSize, nameof(BatchSize));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(EvaluationBatchSize, nameof(EvaluationBatchSize));
        if (!(ValidationFraction >= 0 && ValidationFraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(ValidationFraction), ValidationFraction, "ValidationFraction must be in [0, 1).");
        }

        if (EarlyStopping is not null && ValidationFraction == 0)
        {
            throw new ArgumentException("EarlyStopping watches the validation loss: set ValidationFraction above 0.", nameof(EarlyStopping));
        }
    }

    /// <summary>
    /// The settings that decide which weights a run produces, besides <see cref="Epochs"/>: a checkpoint records
    /// them, and only resumes into a trainer whose settings match.
    /// </summary>
    internal IReadOnlyList<KeyValuePair<string, string>> RunSettings() =>
    [
        new("batch size", BatchSize == FullBatch ? "full" : BatchSize.ToString(CultureInfo.InvariantCulture)),
        new("seed", Seed.ToString(CultureInfo.InvariantCulture)),
        new("shuffle", Shuffle ? "yes" : "no"),
        new("schedule", Schedule?.ToString() ?? "none (the optimizer's own rate)"),
        new("validation fraction", ValidationFraction.ToString("R", CultureInfo.InvariantCulture)),
        new("early stopping", EarlyStopping?.ToString() ?? "none"),
        new("augmentation", Augmentation?.ToString() ?? "none"),
    ];
}
