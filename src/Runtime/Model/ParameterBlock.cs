using System;

namespace Butterfly;

/// <summary>What a block of parameters does, so optimizers can treat groups differently (no decay on biases).</summary>
public enum ParameterRole
{
    /// <summary>A weight matrix or kernel.</summary>
    Weight,

    /// <summary>An additive bias.</summary>
    Bias,

    /// <summary>
    /// State the forward pass keeps rather than a trainable parameter, such as batch normalization's running mean
    /// and variance: weights files and checkpoints save it, its gradient is always 0, and no optimizer, penalty or
    /// weight decay ever changes it.
    /// </summary>
    State,

    /// <summary>
    /// Fixed structure stored as floats rather than learned, such as a hierarchical softmax's class tree: like
    /// <see cref="State"/> its gradient is 0 and no optimizer changes it, and loading weights or a checkpoint whose copy
    /// differs from the network's fails, because the other parameters were trained for that structure.
    /// </summary>
    Structure,
}

/// <summary>One named tensor inside a network's parameter buffer.</summary>
public readonly record struct ParameterBlock
{
    /// <summary>Describes a block.</summary>
    /// <param name="name">The layer and tensor, such as <c>dense_1.weights</c>.</param>
    /// <param name="offset">Where it starts in the parameter buffer; not negative.</param>
    /// <param name="length">How many floats it holds; not negative.</param>
    /// <param name="role">Weight, bias or non-trainable state.</param>
    public ParameterBlock(string name, int offset, int length, ParameterRole role)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        Name = name;
        Offset = offset;
        Length = length;
        Role = role;
    }

    /// <summary>The layer and tensor, such as <c>dense_1.weights</c>.</summary>
    public string Name { get; }

    /// <summary>Where it starts in the parameter buffer.</summary>
    public int Offset { get; }

    /// <summary>How many floats it holds.</summary>
    public int Length { get; }

    /// <summary>Weight, bias or non-trainable state.</summary>
    public ParameterRole Role { get; }
}
