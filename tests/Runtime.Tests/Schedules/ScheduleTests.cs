using System;

namespace Butterfly.Runtime.Tests.Schedules;

public sealed class ScheduleTests
{
    private static float At(LearningRateSchedule schedule, int epoch, int stepInEpoch = 0, int stepsPerEpoch = 10) =>
        schedule.RateAt(new SchedulePosition(epoch, stepInEpoch, stepsPerEpoch));

    [Fact]
    public void Constant_never_changes()
    {
        var schedule = new ConstantSchedule(0.05f);
        Assert.Equal(0.05f, At(schedule, 0));
        Assert.Equal(0.05f, At(schedule, 99, 9));
        Assert.Equal("constant(0.05)", schedule.ToString());
        Assert.Throws<ArgumentOutOfRangeException>("rate", () => new ConstantSchedule(0f));
    }

    [Fact]
    public void Step_decay_drops_every_k_epochs()
    {
        // η(e) = η₀ γ^⌊e / k⌋ with η₀ = 0.1, γ = 0.5, k = 2.
        var schedule = new StepDecaySchedule(0.1f, epochsPerStep: 2, factor: 0.5f);
        Assert.Equal(0.1f, At(schedule, 0));
        Assert.Equal(0.1f, At(schedule, 1, 9));
        Assert.Equal(0.05f, At(schedule, 2));
        Assert.Equal(0.05f, At(schedule, 3));
        Assert.Equal(0.025f, At(schedule, 4), 1e-9f);
        Assert.Throws<ArgumentOutOfRangeException>("factor", () => new StepDecaySchedule(0.1f, 2, 1.5f));
        Assert.Throws<ArgumentOutOfRangeException>("epochsPerStep", () => new StepDecaySchedule(0.1f, 0, 0.5f));
    }

    [Fact]
    public void Exponential_multiplies_once_per_epoch()
    {
        // η(e) = η₀ γᵉ, constant inside an epoch: 0.1, 0.085, 0.07225.
        var schedule = new ExponentialSchedule(0.1f, 0.85f);
        Assert.Equal(0.1f, At(schedule, 0, 0));
        Assert.Equal(0.1f, At(schedule, 0, 9));
        Assert.Equal(0.085f, At(schedule, 1), 1e-8f);
        Assert.Equal(0.07225f, At(schedule, 2), 1e-8f);
        Assert.Throws<ArgumentOutOfRangeException>("factor", () => new ExponentialSchedule(0.1f, 0f));
    }

    [Fact]
    public void Cosine_falls_smoothly_from_the_initial_to_the_minimum_rate()
    {
        // η(t) = η_min + (η₀ - η_min)(1 + cos(π t / T)) / 2 with η₀ = 1, η_min = 0.1, T = 4 epochs.
        var schedule = new CosineSchedule(1f, epochs: 4, minimumRate: 0.1f);
        Assert.Equal(1f, At(schedule, 0), 1e-7f);
        Assert.Equal(0.55f, At(schedule, 2), 1e-6f);
        Assert.Equal(0.1f + 0.9f * 0.5f * (1f + MathF.Cos(MathF.PI / 4)), At(schedule, 1), 1e-6f);

        // Within an epoch the rate moves with each step: halfway through epoch 0 is t = 0.5.
        Assert.Equal(0.1 + 0.9 * 0.5 * (1 + Math.Cos(Math.PI * 0.5 / 4)), At(schedule, 0, 5, 10), 1e-6);

        // After T the rate stays at the minimum.
        Assert.Equal(0.1f, At(schedule, 4), 1e-7f);
        Assert.Equal(0.1f, At(schedule, 40), 1e-7f);
        Assert.Throws<ArgumentOutOfRangeException>("minimumRate", () => new CosineSchedule(0.1f, 4, 0.2f));
    }

    [Fact]
    public void Warmup_ramps_linearly_then_hands_over()
    {
        // η(s) = η_inner(s) min(1, (s + 1) / W), W = 4 steps over a constant 0.2.
        var schedule = new LinearWarmup(4, new ConstantSchedule(0.2f));
        Assert.Equal(0.05f, At(schedule, 0, 0), 1e-8f);
        Assert.Equal(0.1f, At(schedule, 0, 1), 1e-8f);
        Assert.Equal(0.15f, At(schedule, 0, 2), 1e-7f);
        Assert.Equal(0.2f, At(schedule, 0, 3));
        Assert.Equal(0.2f, At(schedule, 3, 3));
        Assert.Equal("warmup(4 steps, then constant(0.2))", schedule.ToString());
    }

    [Fact]
    public void Warmup_composes_with_other_schedules()
    {
        // Steps count across epochs: with 3 steps per epoch, epoch 1 step 0 is step 3, the last of a 4-step ramp.
        var cosine = new CosineSchedule(1f, epochs: 10);
        var schedule = new LinearWarmup(5, cosine);
        var position = new SchedulePosition(1, 0, 3);
        Assert.Equal(cosine.RateAt(position) * 4f / 5f, schedule.RateAt(position), 1e-7f);
        Assert.Equal(cosine.RateAt(new SchedulePosition(2, 1, 3)), schedule.RateAt(new SchedulePosition(2, 1, 3)));
    }

    [Fact]
    public void Positions_are_checked()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ConstantSchedule(1f).RateAt(new SchedulePosition(0, 3, 3)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ConstantSchedule(1f).RateAt(new SchedulePosition(-1, 0, 3)));
        Assert.Equal(7, new SchedulePosition(2, 1, 3).Step);
        Assert.Equal(2.5, new SchedulePosition(2, 1, 2).EpochProgress);
    }
}
