using System;

namespace Butterfly;

/// <summary>
/// Reads a <c>(channels, height, width)</c> input as one vector of <c>channels·height·width</c> floats, in
/// row-major order. It changes no value; <see cref="DenseAttribute"/> flattens its input by itself, so
/// <c>[Flatten]</c> only makes the reshaping visible in the declaration and the summary.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class FlattenAttribute : LayerAttribute;
