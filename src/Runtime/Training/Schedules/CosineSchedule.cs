using System;
using System.Globalization;

namespace Butterfly;

/// <summary>
/// Cosine annealing (Loshchilov and Hutter 2017, without restarts), smooth over steps:
/// <c>η(t) = η_min + (η₀ - η_min) (1 + cos(π t / T)) / 2</c> for t in epochs (fractional) up to T, then η_min.
/// </summary>
public sealed class CosineSchedule : LearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="initialRate">η₀; positive and finite.</param>
    /// <param name="epochs">T, the epochs the rate takes to reach <paramref name="minimumRate"/>; positive.</param>
    /// <param name="minimumRate">η_min, in [0, η₀].</param>
    public CosineSchedule(float initialRate, int epochs, float minimumRate = 0f)
    {
        InitialRate = CheckRate(initialRate, nameof(initialRate));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(epochs);
        if (!(minimumRate >= 0f && minimumRate <= initialRate))
        {
            throw new ArgumentOutOfRangeException(nameof(minimumRate), minimumRate, $"minimumRate must be in [0, initialRate = {initialRate}].");
        }

        Epochs = epochs;
        MinimumRate = minimumRate;
    }

    /// <summary>η₀.</summary>
    public float InitialRate { get; }

    /// <summary>T.</summary>
    public int Epochs { get; }

    /// <summary>η_min.</summary>
    public float MinimumRate { get; }

    /// <inheritdoc/>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"cosine({InitialRate:R} to {MinimumRate:R} over {Epochs} epochs)");

    /// <inheritdoc/>
    protected override float Rate(SchedulePosition position)
    {
        double t = Math.Min(position.EpochProgress, Epochs);
        return (float)(MinimumRate + (InitialRate - MinimumRate) * 0.5 * (1.0 + Math.Cos(Math.PI * t / Epochs)));
    }
}
