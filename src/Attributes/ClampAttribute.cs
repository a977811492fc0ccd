using System;

namespace Butterfly;

/// <summary>
/// Clamps every value between two constants, <c>y = min(max(x, min), max)</c>, element-wise: ONNX's <c>Clip</c>, and
/// its <c>Max</c> or <c>Min</c> against a constant when one side is left open. <c>[Clamp(0, 6)]</c> is ReLU6;
/// <c>[Clamp(min: -1)]</c> bounds only from below. The gradient passes where <c>min ≤ x ≤ max</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ClampAttribute : LayerAttribute
{
    /// <summary>Declares a clamp; at least one bound must be finite.</summary>
    /// <param name="min">The lower bound, or <see cref="float.NegativeInfinity"/> for none.</param>
    /// <param name="max">The upper bound, at least <paramref name="min"/>, or <see cref="float.PositiveInfinity"/> for none.</param>
    public ClampAttribute(float min = float.NegativeInfinity, float max = float.PositiveInfinity)
    {
        Min = min;
        Max = max;
    }

    /// <summary>The lower bound; negative infinity for none.</summary>
    public float Min { get; }

    /// <summary>The upper bound; positive infinity for none.</summary>
    public float Max { get; }
}
