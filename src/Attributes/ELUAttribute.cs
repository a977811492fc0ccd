using System;

namespace Butterfly;

/// <summary>The exponential linear unit (Clevert et al. 2015) <c>y = x</c> for <c>x &gt; 0</c>, else <c>α (e^x - 1)</c>, element-wise.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ELUAttribute : LayerAttribute
{
    /// <summary>Declares an exponential linear unit.</summary>
    /// <param name="alpha">The negative saturation value; positive and finite.</param>
    public ELUAttribute(float alpha = 1f) => Alpha = alpha;

    /// <summary>The negative saturation value.</summary>
    public float Alpha { get; }
}
