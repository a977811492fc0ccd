using System;

namespace Butterfly;

/// <summary>
/// Inverted dropout (Srivastava et al. 2014): in training each value is zeroed with probability <c>rate</c> and the
/// others are scaled by <c>1 / (1 - rate)</c>; in inference (Predict, and Forward outside training) it is the
/// identity. The masks are drawn from the trainer's seed and step count, so a resumed run is bit-identical.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class DropoutAttribute : LayerAttribute
{
    /// <summary>Declares dropout.</summary>
    /// <param name="rate">The probability of dropping a value, in [0, 1).</param>
    public DropoutAttribute(float rate) => Rate = rate;

    /// <summary>The probability of dropping a value.</summary>
    public float Rate { get; }
}
