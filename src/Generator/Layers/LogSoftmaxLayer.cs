using Butterfly.Generator.Diagnostics;
using Butterfly.Generator.Emitting;
using Butterfly.Generator.Model;

namespace Butterfly.Generator.Layers;

/// <summary>
/// Log-softmax over each sample's outputs, <c>y_i = x_i - m - log Σ_j e^(x_j - m)</c>, <c>m = max x</c>. With
/// <c>p = e^y</c> its Jacobian is <c>∂y_i/∂x_j = δ_ij - p_j</c>, so <c>dx = dy - p Σ_i dy_i</c>. With cross-entropy the
/// loss is <c>-y[label]</c> and the two fuse into softmax's <c>dz = p - onehot(label)</c>, which the training step uses.
/// </summary>
internal sealed class LogSoftmaxLayer : LayerKind
{
    public override string Name => "LogSoftmax";

    public override ForwardValues BackwardReads => ForwardValues.Output;

    public override CrossEntropyPairing? CrossEntropy { get; } = new(
        "LogSoftmaxCrossEntropy",
        "log-softmax output",
        "L = -(1/B) Σ y[label], y = log p. Log-softmax and the negative log-likelihood fuse: dz = (e^y - onehot(label)) / B,\nwhich lands straight on the log-softmax input.",
        DiagnosticDescriptors.LogSoftmaxNotLast);

    public override ShapeResult InferShape(Shape input, LayerSpec spec) => ShapeResult.Of(input);

    public override void EmitPredict(CodeWriter writer, LayerEmission layer)
    {
        writer.Comment("y_i = x_i - max x - log Σ_j e^(x_j - max x)");
        writer.Line($"global::Butterfly.Kernels.Activations.LogSoftmax({layer.Input}, {layer.Output});");
    }

    public override void EmitForward(CodeWriter writer, LayerEmission layer)
    {
        writer.Comment("y_i = x_i - max x - log Σ_j e^(x_j - max x), per sample");
        writer.Line($"global::Butterfly.Kernels.Activations.LogSoftmaxRows({layer.Input}, {layer.Output}, batch, {layer.Layer.OutputLength});");
    }

    public override void EmitBackward(CodeWriter writer, LayerEmission layer)
    {
        if (layer.InputGradient is not { } inputGradient)
        {
            writer.Comment("First layer: the input needs no gradient.");
            return;
        }

        writer.Comment("dx = dy - e^y Σ_i dy_i, per sample: the log-softmax Jacobian ∂y_i/∂x_j = δ_ij - p_j, transposed");
        writer.Line($"global::Butterfly.Kernels.Activations.LogSoftmaxRowsBackward({layer.Output}, {layer.OutputGradient}, {inputGradient}, batch, {layer.Layer.OutputLength});");
    }
}
