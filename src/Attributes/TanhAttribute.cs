using System;

namespace Butterfly;

/// <summary>The hyperbolic tangent activation <c>y = tanh(x)</c>, element-wise.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class TanhAttribute : LayerAttribute;
