using System;

namespace Butterfly;

/// <summary>Checks of optimizer hyperparameters, with messages that name the argument and the range expected.</summary>
internal static class OptimizerArguments
{
    /// <summary>A positive, finite constant such as ε.</summary>
    public static float Positive(float value, string name) =>
        float.IsFinite(value) && value > 0f
            ? value
            : throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive and finite.");

    /// <summary>The decay of a running mean, in [0, 1).</summary>
    public static float Decay(float value, string name) =>
        value >= 0f && value < 1f
            ? value
            : throw new ArgumentOutOfRangeException(name, value, $"{name} must be in [0, 1).");

    /// <summary>A coefficient that may be 0, such as a weight decay.</summary>
    public static float NotNegative(float value, string name) =>
        float.IsFinite(value) && value >= 0f
            ? value
            : throw new ArgumentOutOfRangeException(name, value, $"{name} must be finite and not negative.");
}
