using System;

namespace Butterfly;

/// <summary>Where a run is when it asks a schedule for the rate of its next step.</summary>
/// <param name="Epoch">Epochs finished before this step, from 0.</param>
/// <param name="StepInEpoch">Steps taken in this epoch before this one, from 0.</param>
/// <param name="StepsPerEpoch">Steps in each epoch; positive.</param>
public readonly record struct SchedulePosition(int Epoch, int StepInEpoch, int StepsPerEpoch)
{
    /// <summary>Steps taken in the whole run before this one, from 0.</summary>
    public long Step => (long)Epoch * StepsPerEpoch + StepInEpoch;

    /// <summary>Progress in epochs, fractional: 2.5 is halfway through the third epoch.</summary>
    public double EpochProgress => Epoch + (double)StepInEpoch / StepsPerEpoch;

    /// <summary>Throws unless the fields are consistent.</summary>
    internal void Validate()
    {
        if (Epoch < 0 || StepsPerEpoch <= 0 || StepInEpoch < 0 || StepInEpoch >= StepsPerEpoch)
        {
            throw new ArgumentOutOfRangeException(
                nameof(SchedulePosition), this, "A schedule position needs Epoch >= 0, StepsPerEpoch > 0 and 0 <= StepInEpoch < StepsPerEpoch.");
        }
    }
}
