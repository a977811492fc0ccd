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
}

/// <summary>One named tensor inside a network's parameter buffer.</summary>
/// <param name="Name">The layer and tensor, such as <c>dense_1.weights</c>.</param>
/// <param name="Offset">Where it starts in the parameter buffer.</param>
/// <param name="Length">How many floats it holds.</param>
/// <param name="Role">Weight, bias or non-trainable state.</param>
public readonly record struct ParameterBlock(string Name, int Offset, int Length, ParameterRole Role);
