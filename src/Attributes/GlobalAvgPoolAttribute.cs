using System;

namespace Butterfly;

/// <summary>
/// Global average pooling of a <c>(channels, height, width)</c> input into a <c>(channels)</c> vector:
/// <c>y[c] = (1 / (H W)) Σ_i,j x[c, i, j]</c>. Backward spreads <c>dy[c] / (H W)</c> over the plane.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class GlobalAvgPoolAttribute : LayerAttribute;
