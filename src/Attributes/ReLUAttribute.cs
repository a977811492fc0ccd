using System;

namespace Butterfly;

/// <summary>The rectified linear activation <c>y = max(0, x)</c>, element-wise.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ReLUAttribute : LayerAttribute;
