using System;

namespace Butterfly;

/// <summary>
/// A lookup table: token id <c>t</c> becomes row <c>t</c> of a <c>[vocabulary × dimensions]</c> matrix, so an input of
/// <c>n</c> ids becomes <c>n × dimensions</c> floats. It must follow a token input
/// (<c>[Input(n, Vocabulary = vocabulary)]</c>). Backward adds each position's gradient to the row it read, and only the
/// rows a batch used change (a sparse update, where the optimizer's rule allows it). Rows start standard normal,
/// as PyTorch's embedding starts them: a following Glorot-initialized layer then sees inputs of variance 1.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class EmbeddingAttribute : Attribute
{
    /// <summary>Declares an embedding table.</summary>
    /// <param name="vocabulary">The number of token ids, the input's <c>Vocabulary</c>; positive.</param>
    /// <param name="dimensions">The length of each row; positive.</param>
    public EmbeddingAttribute(int vocabulary, int dimensions)
    {
        Vocabulary = vocabulary;
        Dimensions = dimensions;
    }

    /// <summary>The number of token ids.</summary>
    public int Vocabulary { get; }

    /// <summary>The length of each row.</summary>
    public int Dimensions { get; }
}
