using System.Globalization;

namespace Butterfly;

/// <summary>The same learning rate at every step.</summary>
public sealed class ConstantSchedule : LearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="rate">The learning rate; positive and finite.</param>
    public ConstantSchedule(float rate) => LearningRate = CheckRate(rate, nameof(rate));

    /// <summary>The learning rate.</summary>
    public float LearningRate { get; }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"constant({LearningRate:R})");

    /// <inheritdoc/>
    protected override float Rate(SchedulePosition position) => LearningRate;
}
