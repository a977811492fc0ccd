using System;

namespace Butterfly;

/// <summary>The leaky rectifier <c>y = x</c> for <c>x &gt; 0</c>, else <c>slope · x</c>, element-wise.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class LeakyReLUAttribute : LayerAttribute
{
    /// <summary>Declares a leaky rectifier.</summary>
    /// <param name="slope">The slope for negative inputs; finite.</param>
    public LeakyReLUAttribute(float slope = 0.01f) => Slope = slope;

    /// <summary>The slope for negative inputs.</summary>
    public float Slope { get; }
}
