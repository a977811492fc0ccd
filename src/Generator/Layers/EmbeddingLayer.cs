using System.Collections.Generic;
using System.Linq;
using Butterfly.Generator.Diagnostics;
using Butterfly.Generator.Emitting;
using Butterfly.Generator.Model;
using Butterfly.Generator.Planning;

namespace Butterfly.Generator.Layers;

/// <summary>
/// The lookup table <c>y[p, :] = E[t_p, :]</c>, <c>E</c> of shape [vocabulary × dimensions], over token ids <c>t</c>. As a
/// product it is <c>y_p = Eᵀ onehot(t_p)</c>, so backward is <c>dE = Σ_p onehot(t_p) dy_pᵀ</c>: each position's gradient
/// lands on the one row it read. Ids have no gradient. The gradient is row-sparse, and backward records its rows.
/// </summary>
internal sealed class EmbeddingLayer : LayerKind
{
    public override string Name => "Embedding";

    public override ForwardValues BackwardReads => ForwardValues.Input;

    public override IEnumerable<LayerError> CheckArguments(LayerSpec spec)
    {
        double vocabulary = spec.Get("vocabulary"), dimensions = spec.Get("dimensions");
        if (vocabulary <= 0)
        {
            yield return new LayerError(DiagnosticDescriptors.NonPositiveSize, ["Embedding vocabulary", vocabulary]);
        }

        if (dimensions <= 0)
        {
            yield return new LayerError(DiagnosticDescriptors.NonPositiveSize, ["Embedding dimensions", dimensions]);
        }
    }

    public override ShapeResult InferShape(Shape input, LayerSpec spec) =>
        ShapeResult.Of(Shape.Of(input.Dimensions.Concat([spec.GetInt32("dimensions")]).ToArray()));

    public override IEnumerable<ParameterShape> Parameters(Shape input, Shape output, LayerSpec spec)
    {
        yield return new ParameterShape("Table", (long)spec.GetInt32("vocabulary") * spec.GetInt32("dimensions"), TensorRole.Weight);
    }

    public override SparseTensor? SparseRows(Shape input, Shape output, LayerSpec spec) =>
        new SparseTensor(0, spec.GetInt32("dimensions"), spec.GetInt32("vocabulary"));

    public override void EmitInitialization(CodeWriter writer, LayerEmission layer)
    {
        writer.Comment($"{layer.Layer.Name}: every row standard normal, σ = 1.");
        writer.Line($"global::Butterfly.Initializers.Normal({layer.Parameter(0)}, 1f, random);");
    }

    public override void EmitPredict(CodeWriter writer, LayerEmission layer) => EmitForward(writer, layer);

    public override void EmitForward(CodeWriter writer, LayerEmission layer)
    {
        int dimensions = layer.Layer.Spec.GetInt32("dimensions");
        writer.Comment($"y[p, :] = E[t_p, :]    E: [{layer.Layer.Spec.GetInt32("vocabulary")} × {dimensions}], one row per token id");
        writer.Line($"global::Butterfly.Kernels.Embedding.Gather({layer.Input}, {layer.Parameter(0)}, {layer.Output}, {dimensions});");
    }

    public override void EmitBackward(CodeWriter writer, LayerEmission layer)
    {
        int dimensions = layer.Layer.Spec.GetInt32("dimensions");
        writer.Comment("dE[t, :] = Σ_{p : t_p = t} dy[p, :]: only the rows the batch read get a gradient (and are recorded); ids have none");
        writer.Line($"global::Butterfly.Kernels.Embedding.ScatterAdd({layer.Input}, {layer.OutputGradient}, {layer.Gradient(0)}, {layer.TouchedRows}, {dimensions});");
    }
}
