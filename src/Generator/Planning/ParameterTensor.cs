namespace Butterfly.Generator.Planning;

/// <summary>What a parameter tensor is for, mirroring <c>Butterfly.ParameterRole</c> (the emitter writes the member name).</summary>
internal enum TensorRole
{
    /// <summary>A weight matrix or kernel: trained, and decayed by weight decay.</summary>
    Weight,

    /// <summary>An additive bias (or a normalization's shift and scale): trained, not decayed by default.</summary>
    Bias,

    /// <summary>Forward-pass state such as running statistics: saved with the weights, never trained.</summary>
    State,

    /// <summary>Fixed structure stored as floats (a class tree): saved with the weights, never trained, checked on load.</summary>
    Structure,
}

/// <summary>One parameter tensor of a layer, before it has an offset: <c>Weights</c>, 78400 floats.</summary>
/// <param name="Suffix">The tensor's part of the generated view name, such as <c>Weights</c> or <c>Bias</c>.</param>
/// <param name="Length">Floats it holds.</param>
/// <param name="Role">Weight, bias or non-trainable state.</param>
internal sealed record ParameterShape(string Suffix, long Length, TensorRole Role);

/// <summary>A parameter tensor placed in the network's parameter buffer.</summary>
/// <param name="Name">Keras-style, such as <c>dense_1.weights</c>.</param>
/// <param name="ViewName">The generated property, such as <c>Dense1Weights</c>.</param>
/// <param name="Offset">Where it starts in the parameter (and gradient) buffer.</param>
/// <param name="Length">Floats it holds.</param>
/// <param name="Role">Weight, bias or non-trainable state.</param>
internal sealed record ParameterTensor(string Name, string ViewName, int Offset, int Length, TensorRole Role)
{
    /// <summary>The generated property for the tensor's gradient, such as <c>Dense1WeightsGradient</c>.</summary>
    public string GradientViewName => ViewName + "Gradient";
}
