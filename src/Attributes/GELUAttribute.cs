using System;

namespace Butterfly;

/// <summary>
/// The Gaussian error linear unit (Hendrycks and Gimpel 2016) in its tanh form,
/// <c>y = x/2 · (1 + tanh(sqrt(2/π) (x + 0.044715 x³)))</c>, element-wise.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class GELUAttribute : LayerAttribute;
