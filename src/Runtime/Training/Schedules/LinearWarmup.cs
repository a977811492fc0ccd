using System;
using System.Globalization;

namespace Butterfly;

/// <summary>
/// Ramps another schedule up linearly over its first steps, which keeps adaptive optimizers and large batches
/// from taking wild steps while their statistics are still poor (Goyal et al. 2017):
/// <c>η(s) = η_inner(s) min(1, (s + 1) / W)</c> for step s (from 0), so step W - 1 and later use the inner rate.
/// </summary>
public sealed class LinearWarmup : LearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="steps">W, the steps of the ramp; positive.</param>
    /// <param name="then">The schedule being ramped up; it sees the run's own positions, warm-up included.</param>
    public LinearWarmup(int steps, LearningRateSchedule then)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(steps);
        ArgumentNullException.ThrowIfNull(then);
        Steps = steps;
        Inner = then;
    }

    /// <summary>W.</summary>
    public int Steps { get; }

    /// <summary>The schedule being ramped up.</summary>
    public LearningRateSchedule Inner { get; }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"warmup({Steps} steps, then {Inner})");

    /// <inheritdoc/>
    protected override float Rate(SchedulePosition position)
    {
        float rate = Inner.RateAt(position);
        long step = position.Step;
        return step + 1 >= Steps ? rate : (float)(rate * ((step + 1) / (double)Steps));
    }
}
