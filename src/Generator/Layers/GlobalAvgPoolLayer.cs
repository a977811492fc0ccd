using Butterfly.Generator.Emitting;
using Butterfly.Generator.Model;

namespace Butterfly.Generator.Layers;

/// <summary>
/// Global average pooling, <c>(C, H, W)</c> to <c>(C)</c>: <c>y[c] = (1 / HW) Σ_i,j x[c, i, j]</c>. Each input
/// element's weight is <c>1 / HW</c>, so backward spreads <c>dy[c] / HW</c> over the plane.
/// </summary>
internal sealed class GlobalAvgPoolLayer : LayerKind
{
    public override string Name => "GlobalAvgPool";

    public override string Stem => "global_avg_pool";

    public override ForwardValues BackwardReads => ForwardValues.None;

    public override ShapeResult InferShape(Shape input, LayerSpec spec) =>
        ImageInput.Require(input, spec) ?? ShapeResult.Of(Shape.Of(input[0]));

    public override ChannelsLastUse ChannelsLast(LayerSpec spec) => ChannelsLastUse.Reads;

    public override void EmitPredict(CodeWriter writer, LayerEmission layer)
    {
        if (layer.Layer.Source is not { PredictChannelsLast: true } source)
        {
            EmitForward(writer, layer);
            return;
        }

        var shape = layer.Layer.InputShape;
        writer.Comment($"y[c] = (1 / HW) Σ_i,j x[c, i, j], x channels-last with a border of {source.PredictBorder}");
        writer.Line($"global::Butterfly.Kernels.ChannelsLast.GlobalAverage({layer.Input}, {layer.Output}, {shape[0]}, {shape[1]}, {shape[2]}, {source.PredictBorder});");
    }

    public override void EmitForward(CodeWriter writer, LayerEmission layer)
    {
        writer.Comment("y[c] = (1 / HW) Σ_i,j x[c, i, j]");
        writer.Line($"global::Butterfly.Kernels.Pooling.GlobalAverage({layer.Input}, {layer.Output}, {Planes(layer)}, {Pixels(layer)});");
    }

    public override void EmitBackward(CodeWriter writer, LayerEmission layer)
    {
        if (layer.InputGradient is not { } inputGradient)
        {
            writer.Comment("First layer: the input needs no gradient.");
            return;
        }

        writer.Comment("dx[c, i, j] = dy[c] / HW");
        writer.Line($"global::Butterfly.Kernels.Pooling.GlobalAverageBackward({layer.OutputGradient}, {inputGradient}, {Planes(layer)}, {Pixels(layer)});");
    }

    private static string Planes(LayerEmission layer) =>
        layer.Context == EmissionContext.Predict ? $"{layer.Layer.InputShape[0]}" : $"batch * {layer.Layer.InputShape[0]}";

    private static int Pixels(LayerEmission layer) => layer.Layer.InputShape[1] * layer.Layer.InputShape[2];
}
