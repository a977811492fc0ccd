using System;
using System.ComponentModel;

namespace Butterfly;

/// <summary>
/// The seam between generated networks and the runtime. Every <c>[Network]</c> class implements it, so the
/// trainer, optimizers and weights files work on any network without reflection.
/// </summary>
public interface INetwork
{
    /// <summary>Floats in one input sample.</summary>
    int InputLength { get; }

    /// <summary>Floats in one output sample.</summary>
    int OutputLength { get; }

    /// <summary>Trainable parameters: the length of <see cref="Parameters"/> and <see cref="Gradients"/>.</summary>
    int ParameterCount { get; }

    /// <summary>The loss the training step minimizes.</summary>
    LossFunction Loss { get; }

    /// <summary>
    /// The layer shapes as one line, such as <c>Input(784) Dense(100) Sigmoid Dense(10) Softmax</c>. Weights
    /// files record it, and only load into a network with the same signature.
    /// </summary>
    string Signature { get; }

    /// <summary>A Keras-style table: layer, output shape, parameters.</summary>
    string Summary { get; }

    /// <summary>All parameters in one contiguous buffer, laid out as <see cref="ParameterBlocks"/> says.</summary>
    Span<float> Parameters { get; }

    /// <summary>The gradient of the loss with respect to each parameter, as <see cref="Parameters"/> is laid out.</summary>
    Span<float> Gradients { get; }

    /// <summary>The named tensors inside <see cref="Parameters"/>, in order.</summary>
    ReadOnlySpan<ParameterBlock> ParameterBlocks { get; }

    /// <summary>Each layer's output in a <see cref="Workspace"/>, in forward order: what the trainer inspects to name the layer where a value stopped being finite.</summary>
    ReadOnlySpan<LayerOutput> LayerOutputs { get; }

    /// <summary>
    /// The layers as the generator compiled them, as data (kinds, arguments, shapes, operands, parameter tensors): what the
    /// quantizer and the ONNX exporter read. Plumbing for the runtime, not an API to call.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    NetworkStructure Structure { get; }

    /// <summary>Computes the output for one sample. Allocation-free and safe to call from many threads at once.</summary>
    /// <param name="input"><see cref="InputLength"/> floats.</param>
    /// <param name="output"><see cref="OutputLength"/> floats, overwritten.</param>
    void Predict(ReadOnlySpan<float> input, Span<float> output);

    /// <summary>Allocates the buffers <see cref="Forward(Workspace, ReadOnlySpan{float}, bool)"/> and <see cref="Backward"/> need for up to <paramref name="maxBatch"/> samples.</summary>
    Workspace CreateWorkspace(int maxBatch);

    /// <summary>
    /// Runs a batch forward and keeps in <paramref name="workspace"/> what <see cref="Backward"/> needs.
    /// The batch size is <c>inputs.Length / InputLength</c>.
    /// </summary>
    /// <returns>The batch's outputs, a view into the workspace valid until its next use.</returns>
    ReadOnlySpan<float> Forward(Workspace workspace, ReadOnlySpan<float> inputs);

    /// <summary>
    /// Runs a batch forward in training mode (<paramref name="training"/> true: dropout drops, batch normalization
    /// uses and updates batch statistics) or inference mode, and keeps what <see cref="Backward"/> needs.
    /// <see cref="Forward(Workspace, ReadOnlySpan{float})"/> is inference mode. Generated networks implement it; the
    /// default, for a network that behaves alike in both modes, is <see cref="Forward(Workspace, ReadOnlySpan{float})"/>.
    /// </summary>
    /// <returns>The batch's outputs, a view into the workspace valid until its next use.</returns>
    ReadOnlySpan<float> Forward(Workspace workspace, ReadOnlySpan<float> inputs, bool training) => Forward(workspace, inputs);

    /// <summary>
    /// Fills <see cref="Gradients"/> with the gradient of a loss whose derivative with respect to the outputs of
    /// the last <see cref="Forward(Workspace, ReadOnlySpan{float}, bool)"/> call is <paramref name="outputGradient"/>. Never changes a parameter.
    /// </summary>
    void Backward(Workspace workspace, ReadOnlySpan<float> inputs, ReadOnlySpan<float> outputGradient);

    /// <summary>
    /// One step of training on a batch labelled with class indices (cross-entropy networks): forward in training
    /// mode, loss, backward, then <paramref name="optimizer"/> updates the parameters.
    /// </summary>
    /// <returns>The batch's mean loss before the update. When it is NaN or infinity, the step changes neither gradients nor parameters.</returns>
    float TrainStep(Workspace workspace, ReadOnlySpan<float> inputs, ReadOnlySpan<int> labels, Optimizer optimizer);

    /// <summary>
    /// One step of training on a batch with real-valued targets (mean-squared-error networks): forward in training
    /// mode, loss, backward, then <paramref name="optimizer"/> updates the parameters.
    /// </summary>
    /// <returns>The batch's mean loss before the update. When it is NaN or infinity, the step changes neither gradients nor parameters.</returns>
    float TrainStep(Workspace workspace, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, Optimizer optimizer);
}
