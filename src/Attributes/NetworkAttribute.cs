using System;

namespace Butterfly;

/// <summary>
/// Marks a <c>partial class</c> as a neural network. The Butterfly generator reads the layer attributes
/// that follow (in declaration order, starting with <see cref="InputAttribute"/>) and compiles them into
/// shape-specialized <c>Predict</c>, <c>Forward</c>, <c>Backward</c> and <c>TrainStep</c> methods.
/// </summary>
/// <example>
/// <code>
/// [Network]
/// [Input(784)]
/// [Dense(100), Sigmoid]
/// [Dense(10), Softmax]
/// public partial class MnistMlp;
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class NetworkAttribute : Attribute
{
    /// <summary>
    /// The loss the training step minimizes. <see cref="LossFunction.Auto"/> (the default) picks
    /// <see cref="LossFunction.CrossEntropy"/> when the last layer is <see cref="SoftmaxAttribute"/> or
    /// <see cref="LogSoftmaxAttribute"/> and
    /// <see cref="LossFunction.MeanSquaredError"/> otherwise.
    /// </summary>
    public LossFunction Loss { get; set; }

    /// <summary>
    /// The file name (or a path suffix) of trained weights to compile into the assembly, added to the project as an
    /// <c>AdditionalFiles</c> item: the base64 text of a <c>.bfw</c> file (or of a quantized <c>.bfq</c> file for
    /// <see cref="Precision.Int8"/>), as <c>EmbeddedWeights.Export</c> writes it. The class then gets a static
    /// <c>PredictEmbedded</c> that needs no instance, no heap and no workspace.
    /// </summary>
    public string? Weights { get; set; }

    /// <summary>
    /// The file name (or a path suffix) of an ONNX model to compile instead of layer attributes, added to the project
    /// as <c>&lt;OnnxModel Include="model.onnx" /&gt;</c>. The class gets the layers, the weights (its parameterless
    /// constructor starts from them, so it can be fine-tuned) and a static <c>PredictEmbedded</c>; its documentation
    /// shows the equivalent layer attributes. The operators Butterfly imports are listed in docs/onnx-import.md. With
    /// <see cref="Weights"/> as well, <c>PredictEmbedded</c> runs that file's weights (fine-tuned float32, or int8 from the
    /// quantizer) instead of the model's, and the model gives the layers only.
    /// </summary>
    public string? Onnx { get; set; }

    /// <summary>The number format of the embedded <see cref="Weights"/>; <see cref="Precision.Float32"/> by default.</summary>
    public Precision Precision { get; set; }
}
