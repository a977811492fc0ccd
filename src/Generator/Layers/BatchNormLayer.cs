using System.Collections.Generic;
using Butterfly.Generator.Diagnostics;
using Butterfly.Generator.Emitting;
using Butterfly.Generator.Model;
using Butterfly.Generator.Planning;

namespace Butterfly.Generator.Layers;

/// <summary>
/// Batch normalization per channel (the first dimension): <c>y = γ x̂ + β</c>, <c>x̂ = (x - μ) / sqrt(σ² + ε)</c>,
/// on the batch's statistics in training and the running averages in inference. The running mean and variance are
/// parameters of role State: saved with the weights, never trained. Backward in training differentiates through
/// the batch statistics: <c>dx = γ / (N σ̂) (N dy - Σ dy - x̂ Σ dy x̂)</c>.
/// </summary>
internal sealed class BatchNormLayer : LayerKind
{
    public override string Name => "BatchNorm";

    public override string Stem => "batch_norm";

    public override ForwardValues BackwardReads => ForwardValues.None;

    public override bool PredictUsesScratch => false;

    public override IEnumerable<LayerError> CheckArguments(LayerSpec spec)
    {
        double momentum = spec.Get("momentum"), epsilon = spec.Get("epsilon");
        if (!(momentum > 0 && momentum <= 1))
        {
            yield return new LayerError(DiagnosticDescriptors.ArgumentOutOfRange, ["BatchNorm momentum", "in (0, 1]", momentum]);
        }

        if (!(epsilon > 0) || double.IsInfinity(epsilon))
        {
            yield return new LayerError(DiagnosticDescriptors.ArgumentOutOfRange, ["BatchNorm epsilon", "positive and finite", epsilon]);
        }
    }

    public override ShapeResult InferShape(Shape input, LayerSpec spec) => ShapeResult.Of(input);

    public override IEnumerable<ParameterShape> Parameters(Shape input, Shape output, LayerSpec spec)
    {
        int channels = input[0];
        yield return new ParameterShape("Gamma", channels, TensorRole.Bias);
        yield return new ParameterShape("Beta", channels, TensorRole.Bias);
        yield return new ParameterShape("RunningMean", channels, TensorRole.State);
        yield return new ParameterShape("RunningVariance", channels, TensorRole.State);
    }

    public override IEnumerable<ScratchShape> Scratch(Shape input, Shape output, LayerSpec spec)
    {
        yield return new ScratchShape(input.Length, PerSample: true);
        yield return new ScratchShape(input[0], PerSample: false);
    }

    public override void EmitInitialization(CodeWriter writer, LayerEmission layer)
    {
        writer.Comment($"{layer.Layer.Name}: γ = 1, β = 0; running mean 0, running variance 1.");
        writer.Line($"{layer.Parameter(0)}.Fill(1f);");
        writer.Line($"{layer.Parameter(3)}.Fill(1f);");
    }

    public override void EmitPredict(CodeWriter writer, LayerEmission layer)
    {
        var (channels, positions) = ImageInput.ChannelsAndPositions(layer.Layer.InputShape);
        writer.Comment("y = γ (x - running mean) / sqrt(running variance + ε) + β");
        writer.Line(
            $"global::Butterfly.Kernels.BatchNormalization.Infer({layer.Input}, {layer.Output}, {layer.Parameter(0)}, {layer.Parameter(1)}, " +
            $"{layer.Parameter(2)}, {layer.Parameter(3)}, {channels}, {positions}, {Epsilon(layer)});");
    }

    public override void EmitForward(CodeWriter writer, LayerEmission layer)
    {
        var plan = layer.Layer;
        var (channels, positions) = ImageInput.ChannelsAndPositions(plan.InputShape);
        writer.Comment(
            "y = γ x̂ + β, x̂ = (x - μ) / sqrt(σ² + ε) per channel: batch statistics in training (running averages move\n" +
            "towards them), running averages in inference. Keeps x̂ and 1 / sqrt(σ² + ε) for backward.");
        writer.Line(
            $"global::Butterfly.Kernels.BatchNormalization.Forward({layer.Input}, {layer.Output}, {layer.Parameter(0)}, {layer.Parameter(1)}, " +
            $"{State(plan, 2)}, {State(plan, 3)}, {layer.Scratch(0)}, {layer.Scratch(1)}, batch, {channels}, {positions}, " +
            $"{Literals.Float((float)plan.Spec.Get("momentum"))}, {Epsilon(layer)}, {layer.Training});");
    }

    public override void EmitBackward(CodeWriter writer, LayerEmission layer)
    {
        var (channels, positions) = ImageInput.ChannelsAndPositions(layer.Layer.InputShape);
        writer.Comment(
            "dγ = Σ dy x̂, dβ = Σ dy; dx = γ / (N σ̂) (N dy - Σ dy - x̂ Σ dy x̂) in training, γ dy / σ̂ in inference" +
            (layer.InputGradient is null ? "\n(first layer: no dx)" : ""));
        writer.Line(
            $"global::Butterfly.Kernels.BatchNormalization.Backward({layer.Scratch(0)}, {layer.Parameter(0)}, {layer.Scratch(1)}, {layer.OutputGradient}, " +
            $"{layer.Gradient(0)}, {layer.Gradient(1)}, {layer.InputGradient ?? "default"}, batch, {channels}, {positions}, {layer.Training});");
    }

    private static string Epsilon(LayerEmission layer) => Literals.Float((float)layer.Layer.Spec.Get("epsilon"));

    /// <summary>
    /// A writable view of state tensor <paramref name="index"/>: training-mode forward updates the running averages,
    /// which the read-only parameter span in scope does not allow.
    /// </summary>
    private static string State(LayerPlan plan, int index)
    {
        var tensor = plan.Parameters[index];
        return $"_parameters.Slice({tensor.Offset}, {tensor.Length})";
    }
}
