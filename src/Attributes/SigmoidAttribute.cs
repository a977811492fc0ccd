using System;

namespace Butterfly;

/// <summary>The logistic activation <c>y = 1 / (1 + e^-x)</c>, element-wise.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class SigmoidAttribute : LayerAttribute;
