using Butterfly.Generator.Diagnostics;
using Butterfly.Generator.Emitting;
using Butterfly.Generator.Model;

namespace Butterfly.Generator.Layers;

/// <summary>
/// Softmax over each sample's outputs, <c>y_i = e^(x_i) / Σ_j e^(x_j)</c>. Its Jacobian is
/// <c>∂y_j/∂x_i = y_j (δ_ij - y_i)</c>, so <c>dx = y ⊙ (dy - &lt;dy, y&gt;)</c>. With cross-entropy the two fuse into
/// <c>dz = p - onehot(label)</c>, which the training step uses instead.
/// </summary>
internal sealed class SoftmaxLayer : LayerKind
{
    public override string Name => "Softmax";

    public override ForwardValues BackwardReads => ForwardValues.Output;

    public override CrossEntropyPairing? CrossEntropy { get; } = new(
        "SoftmaxCrossEntropy",
        "softmax output",
        "L = -(1/B) Σ log p[label]. Softmax and cross-entropy fuse: dz = (p - onehot(label)) / B,\nwhich lands straight on the softmax input.",
        DiagnosticDescriptors.SoftmaxNotLast);

    public override ShapeResult InferShape(Shape input, LayerSpec spec) => ShapeResult.Of(input);

    public override void EmitPredict(CodeWriter writer, LayerEmission layer)
    {
        writer.Comment("y_i = e^(x_i - max x) / Σ_j e^(x_j - max x)");
        writer.Line($"global::Butterfly.Kernels.Activations.Softmax({layer.Input}, {layer.Output});");
    }

    public override void EmitForward(CodeWriter writer, LayerEmission layer)
    {
        writer.Comment("y_i = e^(x_i - max x) / Σ_j e^(x_j - max x), per sample");
        writer.Line($"global::Butterfly.Kernels.Activations.SoftmaxRows({layer.Input}, {layer.Output}, batch, {layer.Layer.OutputLength});");
    }

    public override void EmitBackward(CodeWriter writer, LayerEmission layer)
    {
        if (layer.InputGradient is not { } inputGradient)
        {
            writer.Comment("First layer: the input needs no gradient.");
            return;
        }

        writer.Comment("dx = y ⊙ (dy - <dy, y>), per sample: the softmax Jacobian ∂y_j/∂x_i = y_j (δ_ij - y_i), transposed");
        writer.Line($"global::Butterfly.Kernels.Activations.SoftmaxRowsBackward({layer.Output}, {layer.OutputGradient}, {inputGradient}, batch, {layer.Layer.OutputLength});");
    }
}
