using System;

namespace Butterfly;

/// <summary>
/// A learning rate as a pure function of the run's position, so a resumed run gets exactly the rates it would
/// have had: the position is all the state a schedule has. The trainer asks for the rate before every step.
/// </summary>
public abstract class LearningRateSchedule
{
    /// <summary>The rate of the step at <paramref name="position"/>; finite and not negative.</summary>
    public float RateAt(SchedulePosition position)
    {
        position.Validate();
        return Rate(position);
    }

    /// <summary>
    /// The schedule and its settings, such as <c>cosine(0.1 to 0 over 20 epochs)</c>. A checkpoint only resumes
    /// into a trainer whose schedule has the same description.
    /// </summary>
    public abstract override string ToString();

    /// <summary>The rule, for a position already checked.</summary>
    protected abstract float Rate(SchedulePosition position);

    /// <summary>Throws unless <paramref name="rate"/> is a usable learning rate.</summary>
    protected static float CheckRate(float rate, string name, bool allowZero = false) =>
        float.IsFinite(rate) && (rate > 0f || (allowZero && rate == 0f))
            ? rate
            : throw new ArgumentOutOfRangeException(name, rate, $"{name} must be {(allowZero ? "finite and not negative" : "positive and finite")}.");
}
