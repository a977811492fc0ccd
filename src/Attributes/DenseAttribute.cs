using System;

namespace Butterfly;

/// <summary>
/// A fully connected layer: <c>y = W x + b</c> with <c>W</c> of shape <c>[units, inputs]</c>. An input
/// of higher rank is flattened first. Weights start He-normal when a rectifier (ReLU,
/// LeakyReLU, ELU, GELU) follows, else Glorot-uniform; biases start at zero.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class DenseAttribute : LayerAttribute
{
    /// <summary>Declares a fully connected layer.</summary>
    /// <param name="units">The number of outputs; positive.</param>
    public DenseAttribute(int units) => Units = units;

    /// <summary>The number of outputs.</summary>
    public int Units { get; }
}
