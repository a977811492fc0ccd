using System;

namespace Butterfly;

/// <summary>
/// Declares the shape of one input sample. It must be the first layer attribute of the network.
/// A vector is <c>[Input(784)]</c>; an image is <c>[Input(channels, height, width)]</c>. Samples are
/// passed flattened, in row-major order. With <see cref="Vocabulary"/> set, the input is token ids instead of floats:
/// <c>[Input(4, Vocabulary = 12000)]</c> is four ids in <c>[0, 12000)</c>, the generated methods take
/// <c>ReadOnlySpan&lt;int&gt;</c>, and an <see cref="EmbeddingAttribute"/> must come next.
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

    /// <summary>
    /// When positive, each input element is a token id in <c>[0, Vocabulary)</c> rather than a float; 0 (the default)
    /// declares a float input.
    /// </summary>
    public int Vocabulary { get; set; }
}
