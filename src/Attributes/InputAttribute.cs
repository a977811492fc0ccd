using System;

namespace Butterfly;

/// <summary>
/// Declares the shape of one input sample. It must be the first layer attribute of the network.
/// A vector is <c>[Input(784)]</c>; an image is <c>[Input(channels, height, width)]</c>. Samples are
/// passed flattened, in row-major order.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class InputAttribute : Attribute
{
    /// <summary>Declares the input shape.</summary>
    /// <param name="shape">One to three positive dimensions.</param>
    public InputAttribute(params int[] shape) => Shape = shape;

    /// <summary>The declared dimensions.</summary>
    public int[] Shape { get; }

    /// <summary>A name for the input, so that a layer after the first can read it again through <see cref="FromAttribute"/> or a merge.</summary>
    public string? Name { get; set; }
}
