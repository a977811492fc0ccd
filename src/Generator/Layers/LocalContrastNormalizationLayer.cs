using System.Collections.Generic;
using Butterfly.Generator.Diagnostics;
using Butterfly.Generator.Emitting;
using Butterfly.Generator.Model;
using Butterfly.Generator.Planning;

namespace Butterfly.Generator.Layers;

/// <summary>
/// Local contrast normalization (Jarrett et al. 2009): subtract the Gaussian-weighted local mean over the window and
/// every channel, <c>v = x - G(Σ_c x) / C</c>, then divide by the local deviation, <c>y = v / max(mean σ, σ)</c> with
/// <c>σ = sqrt(G(Σ_c v²) / C)</c>. Its backward rule runs both steps' Jacobians in reverse (the kernel's remarks give
/// them); forward keeps <c>v</c>, <c>σ</c> and the divisor.
/// </summary>
internal sealed class LocalContrastNormalizationLayer : LayerKind
{
    public override string Name => "LocalContrastNormalization";

    public override string Stem => "lcn";

    public override ForwardValues BackwardReads => ForwardValues.None;

    public override IEnumerable<LayerError> CheckArguments(LayerSpec spec)
    {
        double size = spec.Get("size");
        if (size <= 0 || size % 2 == 0)
        {
            yield return new LayerError(DiagnosticDescriptors.ArgumentOutOfRange, ["LocalContrastNormalization size", "odd and positive", size]);
        }
    }

    public override ShapeResult InferShape(Shape input, LayerSpec spec) =>
        ImageInput.Require(input, spec) ?? ImageInput.RequireFits(input, spec, spec.GetInt32("size"), 0) ?? ShapeResult.Of(input);

    public override IEnumerable<ScratchShape> Scratch(Shape input, Shape output, LayerSpec spec)
    {
        long area = (long)input[1] * input[2];
        yield return new ScratchShape(input.Length, PerSample: true);
        yield return new ScratchShape(area, PerSample: true);
        yield return new ScratchShape(area, PerSample: true);
        yield return new ScratchShape(2 * area, PerSample: false);
    }

    public override void EmitPredict(CodeWriter writer, LayerEmission layer) => EmitForward(writer, layer);

    public override void EmitForward(CodeWriter writer, LayerEmission layer)
    {
        writer.Comment("v = x - G(Σ_c x) / C; σ = sqrt(G(Σ_c v²) / C); y = v / max(mean σ, σ), G a Gaussian window sum; keeps v, σ, d");
        writer.Line(
            $"global::Butterfly.Kernels.LocalContrastNormalization.Forward({layer.Input}, {layer.Output}, {layer.Scratch(0)}, {layer.Scratch(1)}, " +
            $"{layer.Scratch(2)}, {layer.Scratch(3)}, {layer.Batch}, {Geometry(layer.Layer)});");
    }

    public override void EmitBackward(CodeWriter writer, LayerEmission layer)
    {
        if (layer.InputGradient is not { } inputGradient)
        {
            writer.Comment("First layer: the input needs no gradient.");
            return;
        }

        writer.Comment("dv = dy / d + 2 v G(dS) / C through the divisive step, dx = dv - G(Σ_c dv) / C through the subtractive one");
        writer.Line(
            $"global::Butterfly.Kernels.LocalContrastNormalization.Backward({layer.Scratch(0)}, {layer.Scratch(1)}, {layer.Scratch(2)}, " +
            $"{layer.OutputGradient}, {inputGradient}, {layer.Scratch(3)}, batch, {Geometry(layer.Layer)});");
    }

    /// <summary>channels, height, width, size.</summary>
    private static string Geometry(LayerPlan plan) =>
        $"{plan.InputShape[0]}, {plan.InputShape[1]}, {plan.InputShape[2]}, {plan.Spec.GetInt32("size")}";
}
