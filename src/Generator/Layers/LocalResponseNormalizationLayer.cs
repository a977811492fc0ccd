using System.Collections.Generic;
using Butterfly.Generator.Diagnostics;
using Butterfly.Generator.Emitting;
using Butterfly.Generator.Model;
using Butterfly.Generator.Planning;

namespace Butterfly.Generator.Layers;

/// <summary>
/// Local response normalization across channels (the first dimension): <c>y = x s^-β</c>,
/// <c>s[c] = k + (α / n) Σ_{|c' - c| ≤ n/2} x[c']²</c>. Backward:
/// <c>dx[j] = dy[j] s[j]^-β - (2αβ / n) x[j] Σ_{|c - j| ≤ n/2} dy[c] x[c] s[c]^(-β-1)</c>; forward keeps <c>s</c>.
/// </summary>
internal sealed class LocalResponseNormalizationLayer : LayerKind
{
    public override string Name => "LocalResponseNormalization";

    public override string Stem => "lrn";

    public override ForwardValues BackwardReads => ForwardValues.Input;

    public override IEnumerable<LayerError> CheckArguments(LayerSpec spec)
    {
        double size = spec.Get("size"), alpha = spec.Get("alpha"), beta = spec.Get("beta"), k = spec.Get("k");
        if (size <= 0 || size % 2 == 0)
        {
            yield return new LayerError(DiagnosticDescriptors.ArgumentOutOfRange, ["LocalResponseNormalization size", "odd and positive", size]);
        }

        if (!(alpha >= 0) || double.IsInfinity(alpha))
        {
            yield return new LayerError(DiagnosticDescriptors.ArgumentOutOfRange, ["LocalResponseNormalization alpha", "finite and not negative", alpha]);
        }

        if (!(beta >= 0) || double.IsInfinity(beta))
        {
            yield return new LayerError(DiagnosticDescriptors.ArgumentOutOfRange, ["LocalResponseNormalization beta", "finite and not negative", beta]);
        }

        if (!(k > 0) || double.IsInfinity(k))
        {
            yield return new LayerError(DiagnosticDescriptors.ArgumentOutOfRange, ["LocalResponseNormalization k", "positive and finite", k]);
        }
    }

    public override ShapeResult InferShape(Shape input, LayerSpec spec) => ShapeResult.Of(input);

    public override IEnumerable<ScratchShape> Scratch(Shape input, Shape output, LayerSpec spec)
    {
        yield return new ScratchShape(input.Length, PerSample: true);
    }

    public override void EmitPredict(CodeWriter writer, LayerEmission layer) => EmitForward(writer, layer);

    public override void EmitForward(CodeWriter writer, LayerEmission layer)
    {
        writer.Comment("y = x s^-β, s[c] = k + (α / n) Σ_{|c' - c| ≤ n/2} x[c']²; keeps s");
        writer.Line(
            $"global::Butterfly.Kernels.LocalResponseNormalization.Forward({layer.Input}, {layer.Output}, {layer.Scratch(0)}, {layer.Batch}, " +
            $"{Geometry(layer.Layer)}, {Literals.Float((float)layer.Layer.Spec.Get("k"))});");
    }

    public override void EmitBackward(CodeWriter writer, LayerEmission layer)
    {
        if (layer.InputGradient is not { } inputGradient)
        {
            writer.Comment("First layer: the input needs no gradient.");
            return;
        }

        writer.Comment("dx[j] = dy[j] s[j]^-β - (2αβ / n) x[j] Σ_{|c - j| ≤ n/2} dy[c] x[c] s[c]^(-β-1)");
        writer.Line(
            $"global::Butterfly.Kernels.LocalResponseNormalization.Backward({layer.Input}, {layer.Scratch(0)}, {layer.OutputGradient}, {inputGradient}, batch, " +
            $"{Geometry(layer.Layer)});");
    }

    /// <summary>channels, positions, size, alpha, beta.</summary>
    private static string Geometry(LayerPlan plan)
    {
        var (channels, positions) = ImageInput.ChannelsAndPositions(plan.InputShape);
        var spec = plan.Spec;
        return $"{channels}, {positions}, {spec.GetInt32("size")}, {Literals.Float((float)spec.Get("alpha"))}, {Literals.Float((float)spec.Get("beta"))}";
    }
}
