using System.Collections.Generic;
using Butterfly.Generator.Diagnostics;
using Butterfly.Generator.Emitting;
using Butterfly.Generator.Model;

namespace Butterfly.Generator.Layers;

/// <summary>
/// Inverted dropout: in training <c>y = x ⊙ m / (1 - r)</c> with a mask <c>m</c> hashed from (seed, step, layer,
/// element), so backward, <c>dx = dy ⊙ m / (1 - r)</c>, draws the same mask again instead of storing it; in
/// inference <c>y = x</c>.
/// </summary>
internal sealed class DropoutLayer : LayerKind
{
    public override string Name => "Dropout";

    public override ForwardValues BackwardReads => ForwardValues.None;

    public override bool IsElementwise => true;

    public override IEnumerable<LayerError> CheckArguments(LayerSpec spec)
    {
        double rate = spec.Get("rate");
        if (!(rate >= 0 && rate < 1))
        {
            yield return new LayerError(DiagnosticDescriptors.ArgumentOutOfRange, ["Dropout rate", "in [0, 1)", rate]);
        }
    }

    public override ShapeResult InferShape(Shape input, LayerSpec spec) => ShapeResult.Of(input);

    public override void EmitPredict(CodeWriter writer, LayerEmission layer)
    {
        if (layer.InPlace)
        {
            writer.Comment("Inference: y = x.");
            return;
        }

        writer.Comment("Inference: y = x.");
        writer.Line($"{layer.Input}.CopyTo({layer.Output});");
    }

    public override void EmitForward(CodeWriter writer, LayerEmission layer) =>
        Emit(writer, layer, "Forward", layer.Input, layer.Output, "y = x ⊙ m / (1 - r) in training, m_i kept with probability 1 - r; y = x in inference");

    public override void EmitBackward(CodeWriter writer, LayerEmission layer)
    {
        if (layer.InputGradient is not { } inputGradient)
        {
            writer.Comment("First layer: the input needs no gradient.");
            return;
        }

        Emit(writer, layer, "Backward", layer.OutputGradient, inputGradient, "dx = dy ⊙ m / (1 - r) with forward's mask, drawn again; dx = dy in inference");
    }

    private static void Emit(CodeWriter writer, LayerEmission layer, string method, string source, string target, string formula)
    {
        writer.Comment(formula);
        using (writer.Braces($"if ({layer.Training})"))
        {
            writer.Line(
                $"global::Butterfly.Kernels.Dropout.{method}({source}, {target}, {Literals.Float((float)layer.Layer.Spec.Get("rate"))}, " +
                $"workspace.NoiseSeed, workspace.NoiseStep, {layer.Layer.Index});");
        }

        using (writer.Braces("else"))
        {
            writer.Line($"{source}.CopyTo({target});");
        }
    }
}
