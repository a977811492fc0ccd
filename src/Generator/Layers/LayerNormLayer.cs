using System.Collections.Generic;
using System.Linq;
using Butterfly.Generator.Diagnostics;
using Butterfly.Generator.Emitting;
using Butterfly.Generator.Model;
using Butterfly.Generator.Planning;

namespace Butterfly.Generator.Layers;

/// <summary>
/// Layer normalization over a sample's dimensions from <c>axis</c> to the last, which are <c>N</c> contiguous values:
/// <c>x̂ = (x - μ) / sqrt(σ² + ε)</c> with each row's own statistics, <c>y = γ ⊙ x̂ + β</c>, <c>γ, β</c> of length
/// <c>N</c>. The statistics are the sample's in training and inference alike, so there is no state. Backward, from
/// <c>∂x̂_i/∂x_j = r (δ_ij - 1/N - x̂_i x̂_j / N)</c>: <c>dx = r (g - mean(g) - x̂ mean(g x̂))</c>, <c>g = γ ⊙ dy</c>.
/// </summary>
internal sealed class LayerNormLayer : LayerKind
{
    public override string Name => "LayerNorm";

    public override string Stem => "layer_norm";

    public override ForwardValues BackwardReads => ForwardValues.None;

    public override bool PredictUsesScratch => false;

    public override IEnumerable<LayerError> CheckArguments(LayerSpec spec)
    {
        double epsilon = spec.Get("epsilon");
        if (!(epsilon > 0) || double.IsInfinity(epsilon))
        {
            yield return new LayerError(DiagnosticDescriptors.ArgumentOutOfRange, ["LayerNorm epsilon", "positive and finite", epsilon]);
        }
    }

    /// <summary>Epsilon, then the axis (0 when not set), so that the signature always shows both, in that order.</summary>
    public override LayerSpec Resolve(LayerSpec spec) =>
        spec with { Arguments = new[] { new LayerArgument("epsilon", spec.Get("epsilon")), new LayerArgument("axis", spec.Get("axis", 0)) }.ToEquatableArray() };

    public override string? PropertyArgument(LayerArgument argument) =>
        argument.Name == "axis" ? "Axis = " + argument.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) : null;

    public override ShapeResult InferShape(Shape input, LayerSpec spec)
    {
        int declared = spec.GetInt32("axis");
        if (declared < -input.Rank || declared >= input.Rank)
        {
            return ShapeResult.Rejected(DiagnosticDescriptors.NormalizedAxisOutsideInput, spec.ToString(), declared, input.ToString(), input.Rank - 1, -input.Rank);
        }

        if (Rows.Of(input, spec).Width == 1)
        {
            return ShapeResult.Rejected(DiagnosticDescriptors.NormalizesOneValue, spec.ToString(), input.ToString());
        }

        return ShapeResult.Of(input);
    }

    public override IEnumerable<ParameterShape> Parameters(Shape input, Shape output, LayerSpec spec)
    {
        int width = Rows.Of(input, spec).Width;
        yield return new ParameterShape("Gamma", width, TensorRole.Bias);
        yield return new ParameterShape("Beta", width, TensorRole.Bias);
    }

    public override IEnumerable<ScratchShape> Scratch(Shape input, Shape output, LayerSpec spec)
    {
        // x̂ and each row's 1 / sqrt(σ² + ε), which backward reads.
        yield return new ScratchShape(input.Length, PerSample: true);
        yield return new ScratchShape(Rows.Of(input, spec).PerSample, PerSample: true);
    }

    public override void EmitInitialization(CodeWriter writer, LayerEmission layer)
    {
        writer.Comment($"{layer.Layer.Name}: γ = 1, β = 0.");
        writer.Line($"{layer.Parameter(0)}.Fill(1f);");
    }

    public override void EmitPredict(CodeWriter writer, LayerEmission layer)
    {
        var rows = Rows.Of(layer.Layer.InputShape, layer.Layer.Spec);
        writer.Comment($"y = γ ⊙ (x - μ) / sqrt(σ² + ε) + β, μ and σ² over each row of {rows.Width}" + Grouping(rows));
        writer.Line(
            $"global::Butterfly.Kernels.LayerNormalization.Forward({layer.Input}, {layer.Output}, {layer.Parameter(0)}, {layer.Parameter(1)}, " +
            $"{layer.Output}, default, {rows.PerSample}, {rows.Width}, {Epsilon(layer)});");
    }

    public override void EmitForward(CodeWriter writer, LayerEmission layer)
    {
        var rows = Rows.Of(layer.Layer.InputShape, layer.Layer.Spec);
        writer.Comment(
            $"y = γ ⊙ x̂ + β, x̂ = (x - μ) / sqrt(σ² + ε), μ and σ² over each row of {rows.Width}{Grouping(rows)};\n" +
            "keeps x̂ and each row's 1 / sqrt(σ² + ε) for backward");
        writer.Line(
            $"global::Butterfly.Kernels.LayerNormalization.Forward({layer.Input}, {layer.Output}, {layer.Parameter(0)}, {layer.Parameter(1)}, " +
            $"{layer.Scratch(0)}, {layer.Scratch(1)}, {Batch(layer, rows)}, {rows.Width}, {Epsilon(layer)});");
    }

    public override void EmitBackward(CodeWriter writer, LayerEmission layer)
    {
        var rows = Rows.Of(layer.Layer.InputShape, layer.Layer.Spec);
        writer.Comment(
            "dγ = Σ dy ⊙ x̂, dβ = Σ dy; " +
            (layer.InputGradient is null ? "first layer, so no dx" : "dx = (g - mean(g) - x̂ mean(g ⊙ x̂)) / sqrt(σ² + ε) per row, g = γ ⊙ dy"));
        writer.Line(
            $"global::Butterfly.Kernels.LayerNormalization.Backward({layer.Scratch(0)}, {layer.Parameter(0)}, {layer.Scratch(1)}, {layer.OutputGradient}, " +
            $"{layer.Gradient(0)}, {layer.Gradient(1)}, {layer.InputGradient ?? "default"}, {Batch(layer, rows)}, {rows.Width});");
    }

    private static string Epsilon(LayerEmission layer) => Literals.Float((float)layer.Layer.Spec.Get("epsilon"));

    private static string Batch(LayerEmission layer, Rows rows) => rows.PerSample == 1 ? layer.Batch : $"{layer.Batch} * {rows.PerSample}";

    private static string Grouping(Rows rows) => rows.PerSample == 1 ? " (the whole sample)" : $" ({rows.PerSample} rows per sample)";

    /// <summary>
    /// The rows the kernel normalizes: a sample's dimensions from the axis on are one row of <see cref="Width"/>
    /// values, and the dimensions before it make <see cref="PerSample"/> such rows.
    /// </summary>
    private readonly record struct Rows(int PerSample, int Width)
    {
        public static Rows Of(Shape input, LayerSpec spec)
        {
            int axis = spec.GetInt32("axis");
            if (axis < 0)
            {
                axis += input.Rank;
            }

            int width = input.Dimensions.Skip(axis).Aggregate(1, (product, d) => product * d);
            return new Rows((int)(input.Length / width), width);
        }
    }
}
