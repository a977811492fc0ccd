using Butterfly.Generator.Planning;

namespace Butterfly.Generator.Layers;

/// <summary>
/// The names a layer's emitted code uses: the spans holding its input and output (and their gradients) in the
/// method being written, and its parameter tensors.
/// </summary>
internal sealed class LayerEmission
{
    public LayerEmission(LayerPlan layer, string input, string output, string outputGradient = "", string? inputGradient = null)
    {
        Layer = layer;
        Input = input;
        Output = output;
        OutputGradient = outputGradient;
        InputGradient = inputGradient;
    }

    public LayerPlan Layer { get; }

    /// <summary>The span holding the layer's input.</summary>
    public string Input { get; }

    /// <summary>The span receiving the layer's output.</summary>
    public string Output { get; }

    /// <summary>The span holding <c>dE/dy</c>.</summary>
    public string OutputGradient { get; }

    /// <summary>The span receiving <c>dE/dx</c>, or null for the first layer, whose input needs no gradient.</summary>
    public string? InputGradient { get; }

    /// <summary>
    /// The span expression holding all parameters: the instance's <c>parameters</c> local, or the static data of embedded
    /// weights, so that one <see cref="LayerKind.EmitPredict"/> serves both.
    /// </summary>
    public string ParameterBuffer { get; init; } = "parameters";

    /// <summary>For an int8 embedded Predict, the layer's quantized tensors; null in float code.</summary>
    public QuantizedTensors? Quantized { get; init; }

    /// <summary>An expression for parameter tensor <paramref name="index"/> of the layer.</summary>
    public string Parameter(int index) => Slice(ParameterBuffer, index);

    /// <summary>An expression for the gradient of parameter tensor <paramref name="index"/> of the layer.</summary>
    public string Gradient(int index) => Slice("gradients", index);

    private string Slice(string buffer, int index)
    {
        var tensor = Layer.Parameters[index];
        return $"{buffer}.Slice({tensor.Offset}, {tensor.Length})";
    }
}
