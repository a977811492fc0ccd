using System;
using System.Globalization;

namespace Butterfly.Samples.Mnist;

/// <summary>
/// The <c>--schedule</c> value, <c>KIND[:ARG[:ARG]]</c>, with its defaults filled in, so that the form saved in a
/// checkpoint names exactly one schedule.
/// </summary>
internal sealed record ScheduleSetting(string Kind, double First, double Second)
{
    /// <summary>The text <c>--help</c> shows.</summary>
    public const string Help =
        "constant | exponential[:FACTOR] (default 0.85 per epoch) | step[:EPOCHS[:FACTOR]] (default 5 and 0.5) | " +
        "cosine[:EPOCHS[:MIN_LR]] (default --epochs and 0)";

    /// <summary>Reads <paramref name="text"/>; <paramref name="epochs"/> is the cosine's length when the text gives none.</summary>
    /// <exception cref="UsageException">The text is not a schedule.</exception>
    public static ScheduleSetting Parse(string text, int epochs)
    {
        var parts = text.Split(':');
        string kind = parts[0];
        (int most, double first, double second) = kind switch
        {
            "constant" => (0, 0.0, 0.0),
            "exponential" => (1, 0.85, 0.0),
            "step" => (2, 5.0, 0.5),
            "cosine" => (2, epochs, 0.0),
            _ => throw new UsageException($"--schedule must be {Help}; got '{text}'."),
        };

        if (parts.Length - 1 > most)
        {
            throw new UsageException($"--schedule {kind} takes at most {most} arguments; got '{text}'.");
        }

        if (parts.Length > 1)
        {
            first = Number(parts[1], text);
        }

        if (parts.Length > 2)
        {
            second = Number(parts[2], text);
        }

        if (kind is "step" or "cosine" && (first != Math.Floor(first) || first < 1 || first > int.MaxValue))
        {
            throw new UsageException($"--schedule {kind}: EPOCHS must be a whole number of at least 1; got '{text}'.");
        }

        var setting = new ScheduleSetting(kind, first, second);
        try
        {
            setting.Create(1f, 0);
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"--schedule '{text}' is out of range: {FirstLine(e.Message)}");
        }

        return setting;
    }

    /// <summary>Builds the schedule for base rate <paramref name="rate"/>, ramped over <paramref name="warmup"/> steps when positive.</summary>
    public LearningRateSchedule Create(float rate, int warmup)
    {
        LearningRateSchedule schedule = Kind switch
        {
            "exponential" => new ExponentialSchedule(rate, (float)First),
            "step" => new StepDecaySchedule(rate, checked((int)First), (float)Second),
            "cosine" => new CosineSchedule(rate, checked((int)First), (float)Second),
            _ => new ConstantSchedule(rate),
        };
        return warmup > 0 ? new LinearWarmup(warmup, schedule) : schedule;
    }

    /// <summary>The canonical text, such as <c>cosine:20:0</c>.</summary>
    public override string ToString() => Kind switch
    {
        "constant" => "constant",
        "exponential" => string.Create(CultureInfo.InvariantCulture, $"exponential:{First:R}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{Kind}:{First:R}:{Second:R}"),
    };

    private static double Number(string part, string text) =>
        double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value)
            ? value
            : throw new UsageException($"--schedule '{text}': '{part}' is not a number.");

    private static string FirstLine(string message) => message.Split('\n')[0].Split(" (Parameter")[0];
}
