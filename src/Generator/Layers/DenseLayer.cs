using System.Collections.Generic;
using Butterfly.Generator.Diagnostics;
using Butterfly.Generator.Emitting;
using Butterfly.Generator.Model;
using Butterfly.Generator.Planning;

namespace Butterfly.Generator.Layers;

/// <summary>
/// The fully connected layer <c>y = W x + b</c>, <c>W</c> of shape [units × inputs]. Backward mirrors forward:
/// <c>dx = Wᵀ dy</c>, <c>dW = dy xᵀ</c>, <c>db = dy</c>, summed over the batch. An input of rank above one is
/// read flattened.
/// </summary>
internal sealed class DenseLayer : LayerKind
{
    public override string Name => "Dense";

    public override ForwardValues BackwardReads => ForwardValues.Input;

    public override IEnumerable<LayerError> CheckArguments(LayerSpec spec)
    {
        double units = spec.Get("units");
        if (units <= 0)
        {
            yield return new LayerError(DiagnosticDescriptors.NonPositiveSize, ["Dense units", units]);
        }
    }

    public override ShapeResult InferShape(Shape input, LayerSpec spec) => ShapeResult.Of(Shape.Of(spec.GetInt32("units")));

    public override IEnumerable<ParameterShape> Parameters(Shape input, Shape output, LayerSpec spec)
    {
        yield return new ParameterShape("Weights", output.Length * input.Length, TensorRole.Weight);
        yield return new ParameterShape("Bias", output.Length, TensorRole.Bias);
    }

    public override void EmitInitialization(CodeWriter writer, LayerEmission layer)
    {
        var plan = layer.Layer;
        WeightInitialization.Emit(
            writer,
            layer,
            plan.InputLength,
            plan.OutputLength,
            $"{plan.Name}: He normal before {plan.Next?.Kind.Name}, σ = sqrt(2 / {plan.InputLength}); bias 0.",
            $"{plan.Name}: Glorot uniform on [-a, a], a = sqrt(6 / ({plan.InputLength} + {plan.OutputLength})); bias 0.");
    }

    public override bool SupportsInt8 => true;

    public override void EmitPredict(CodeWriter writer, LayerEmission layer)
    {
        var plan = layer.Layer;
        if (layer.Quantized is { } q)
        {
            writer.Comment($"y = c ⊙ (W_q q) + b',  q = clamp(round(x / s_x) + z, 0, 255)    W_q: int8 [{plan.OutputLength} × {plan.InputLength}]");
            writer.Line($"global::Butterfly.Kernels.Int8Gemv.MultiplyAddBias({q.Weights}, {layer.Input}, {q.InputScale}, {q.InputZeroPoint}, {q.Scales}, {q.Bias}, {q.Scratch}, {layer.Output}, {plan.OutputLength}, {plan.InputLength});");
            return;
        }

        writer.Comment($"y = W x + b    W: [{plan.OutputLength} × {plan.InputLength}]: batch 1 is matrix-vector work, one dot product per row");
        writer.Line($"global::Butterfly.Kernels.Gemv.MultiplyAddBias({layer.Parameter(0)}, {layer.Input}, {layer.Parameter(1)}, {layer.Output}, {plan.OutputLength}, {plan.InputLength});");
    }

    public override void EmitForward(CodeWriter writer, LayerEmission layer)
    {
        var plan = layer.Layer;
        writer.Comment($"Y = X Wᵀ + b    X: [batch × {plan.InputLength}], W: [{plan.OutputLength} × {plan.InputLength}], the bias fused into the product");
        writer.Line($"global::Butterfly.Kernels.Gemm.ABtAddBias({layer.Input}, {layer.Parameter(0)}, {layer.Parameter(1)}, {layer.Output}, batch, {plan.OutputLength}, {plan.InputLength});");
    }

    public override void EmitBackward(CodeWriter writer, LayerEmission layer)
    {
        var plan = layer.Layer;
        writer.Comment($"dW = dYᵀ X    [{plan.OutputLength} × {plan.InputLength}], summed over the batch");
        writer.Line($"global::Butterfly.Kernels.Gemm.AtB({layer.OutputGradient}, {layer.Input}, {layer.Gradient(0)}, {plan.OutputLength}, {plan.InputLength}, batch);");
        writer.Comment("db = Σ_batch dY");
        writer.Line($"global::Butterfly.Kernels.Bias.SumRows({layer.OutputGradient}, {layer.Gradient(1)}, batch, {plan.OutputLength});");
        if (layer.InputGradient is { } inputGradient)
        {
            writer.Comment($"dX = dY W    [batch × {plan.InputLength}]: forward's W x, mirrored as Wᵀ dy");
            writer.Line($"global::Butterfly.Kernels.Gemm.AB({layer.OutputGradient}, {layer.Parameter(0)}, {inputGradient}, batch, {plan.InputLength}, {plan.OutputLength});");
        }
        else
        {
            writer.Comment("First layer: the input needs no gradient, so dX is not computed.");
        }
    }
}
