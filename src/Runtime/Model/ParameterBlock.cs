namespace Butterfly;

/// <summary>What a block of parameters does, so optimizers can treat groups differently (no decay on biases).</summary>
public enum ParameterRole
{
    /// <summary>A weight matrix or kernel.</summary>
    Weight,

    /// <summary>An additive bias.</summary>
    Bias,
}

/// <summary>One named tensor inside a network's parameter buffer.</summary>
/// <param name="Name">The layer and tensor, such as <c>dense_1.weights</c>.</param>
/// <param name="Offset">Where it starts in the parameter buffer.</param>
/// <param name="Length">How many floats it holds.</param>
/// <param name="Role">Weight or bias.</param>
public readonly record struct ParameterBlock(string Name, int Offset, int Length, ParameterRole Role);
