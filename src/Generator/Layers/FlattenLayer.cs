using Butterfly.Generator.Emitting;
using Butterfly.Generator.Model;

namespace Butterfly.Generator.Layers;

/// <summary>
/// Reads a tensor as a vector: <c>y = x</c> with shape <c>(C·H·W)</c>. Its Jacobian is the identity, so
/// <c>dx = dy</c>. Channels-first row-major storage is already flat, so Predict does nothing at all.
/// </summary>
internal sealed class FlattenLayer : LayerKind
{
    public override string Name => "Flatten";

    public override ForwardValues BackwardReads => ForwardValues.None;

    public override bool IsElementwise => true;

    public override ShapeResult InferShape(Shape input, LayerSpec spec) => ShapeResult.Of(Shape.Of((int)input.Length));

    public override void EmitPredict(CodeWriter writer, LayerEmission layer) => EmitForward(writer, layer);

    public override void EmitForward(CodeWriter writer, LayerEmission layer)
    {
        if (layer.InPlace)
        {
            writer.Comment("y = x: the values are already laid out flat.");
            return;
        }

        writer.Comment("y = x, read as a vector");
        writer.Line($"{layer.Input}.CopyTo({layer.Output});");
    }

    public override void EmitBackward(CodeWriter writer, LayerEmission layer)
    {
        if (layer.InputGradient is not { } inputGradient)
        {
            writer.Comment("First layer: the input needs no gradient.");
            return;
        }

        writer.Comment("dx = dy, read in the input's shape");
        writer.Line($"{layer.OutputGradient}.CopyTo({inputGradient});");
    }
}
