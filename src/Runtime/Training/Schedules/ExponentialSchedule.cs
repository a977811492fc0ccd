using System;
using System.Globalization;

namespace Butterfly;

/// <summary>
/// Multiplies the rate by a factor after each epoch: <c>η(e) = η₀ γᵉ</c> for epoch e (from 0), constant within
/// an epoch.
/// </summary>
public sealed class ExponentialSchedule : LearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="initialRate">η₀; positive and finite.</param>
    /// <param name="factor">γ, in (0, 1].</param>
    public ExponentialSchedule(float initialRate, float factor)
    {
        InitialRate = CheckRate(initialRate, nameof(initialRate));
        if (!(factor > 0f && factor <= 1f))
        {
            throw new ArgumentOutOfRangeException(nameof(factor), factor, "factor must be in (0, 1].");
        }

        Factor = factor;
    }

    /// <summary>η₀.</summary>
    public float InitialRate { get; }

    /// <summary>γ.</summary>
    public float Factor { get; }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"exponential({InitialRate:R} times {Factor:R} per epoch)");

    /// <inheritdoc/>
    protected override float Rate(SchedulePosition position) => (float)(InitialRate * Math.Pow(Factor, position.Epoch));
}
