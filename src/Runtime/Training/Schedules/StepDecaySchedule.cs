using System;
using System.Globalization;

namespace Butterfly;

/// <summary>
/// Multiplies the rate by a factor every few epochs: <c>η(e) = η₀ γ^⌊e / k⌋</c> for epoch e (from 0).
/// </summary>
public sealed class StepDecaySchedule : LearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="initialRate">η₀; positive and finite.</param>
    /// <param name="epochsPerStep">k, epochs between drops; positive.</param>
    /// <param name="factor">γ, in (0, 1].</param>
    public StepDecaySchedule(float initialRate, int epochsPerStep, float factor)
    {
        InitialRate = CheckRate(initialRate, nameof(initialRate));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(epochsPerStep);
        if (!(factor > 0f && factor <= 1f))
        {
            throw new ArgumentOutOfRangeException(nameof(factor), factor, "factor must be in (0, 1].");
        }

        EpochsPerStep = epochsPerStep;
        Factor = factor;
    }

    /// <summary>η₀.</summary>
    public float InitialRate { get; }

    /// <summary>k.</summary>
    public int EpochsPerStep { get; }

    /// <summary>γ.</summary>
    public float Factor { get; }

    /// <inheritdoc/>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"step({InitialRate:R} times {Factor:R} every {EpochsPerStep} epochs)");

    /// <inheritdoc/>
    protected override float Rate(SchedulePosition position) =>
        (float)(InitialRate * Math.Pow(Factor, position.Epoch / EpochsPerStep));
}
