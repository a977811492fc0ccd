namespace Butterfly.Generator.Planning;

/// <summary>One parameter tensor of a layer, before it has an offset: <c>Weights</c>, 78400 floats.</summary>
/// <param name="Suffix">The tensor's part of the generated view name, such as <c>Weights</c> or <c>Bias</c>.</param>
/// <param name="Length">Floats it holds.</param>
/// <param name="IsBias">Whether it is an additive bias (no weight decay by default).</param>
internal sealed record ParameterShape(string Suffix, long Length, bool IsBias);

/// <summary>A parameter tensor placed in the network's parameter buffer.</summary>
/// <param name="Name">Keras-style, such as <c>dense_1.weights</c>.</param>
/// <param name="ViewName">The generated property, such as <c>Dense1Weights</c>.</param>
/// <param name="Offset">Where it starts in the parameter (and gradient) buffer.</param>
/// <param name="Length">Floats it holds.</param>
/// <param name="IsBias">Whether it is an additive bias.</param>
internal sealed record ParameterTensor(string Name, string ViewName, int Offset, int Length, bool IsBias)
{
    /// <summary>The generated property for the tensor's gradient, such as <c>Dense1WeightsGradient</c>.</summary>
    public string GradientViewName => ViewName + "Gradient";
}
