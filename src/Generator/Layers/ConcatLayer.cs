using System.Collections.Generic;
using System.Linq;
using Butterfly.Generator.Emitting;
using Butterfly.Generator.Model;

namespace Butterfly.Generator.Layers;

/// <summary>
/// Concatenation along the first axis (channels of an image, features of a vector): <c>(C_0, H, W)</c>,
/// <c>(C_1, H, W)</c> give <c>(C_0 + C_1, H, W)</c>. Channels-first storage keeps each operand's part of a sample
/// contiguous, so forward copies blocks and backward hands each operand its block of <c>dy</c>.
/// </summary>
internal sealed class ConcatLayer : MergeLayer
{
    public override string Name => "Concat";

    public override ForwardValues BackwardReads => ForwardValues.None;

    protected override string Disagreement => "a concatenation along channels needs the same rank and the same sizes after the first axis";

    protected override bool Agree(Shape first, Shape other) =>
        first.Rank == other.Rank && Enumerable.Range(1, first.Rank - 1).All(axis => first[axis] == other[axis]);

    protected override Shape Combine(IReadOnlyList<Shape> inputs) =>
        new(new[] { inputs.Sum(s => s[0]) }.Concat(inputs[0].Dimensions.Skip(1)).ToEquatableArray());

    public override void EmitPredict(CodeWriter writer, LayerEmission layer) => EmitForward(writer, layer);

    public override void EmitForward(CodeWriter writer, LayerEmission layer)
    {
        writer.Comment($"y = [{string.Join("; ", layer.Operands)}] along the first axis, sample by sample");
        foreach (var (operand, part, offset) in Parts(layer))
        {
            writer.Line($"global::Butterfly.Kernels.Merging.Concat({operand}, {layer.Output}, {layer.Batch}, {part}, {layer.Layer.OutputLength}, {offset});");
        }
    }

    public override void EmitBackward(CodeWriter writer, LayerEmission layer)
    {
        writer.Comment("dx_k = dy's block of operand k (added where the operand's output also feeds other layers)");
        int k = 0;
        foreach (var (_, part, offset) in Parts(layer))
        {
            if (layer.OperandGradients[k] is { } gradient)
            {
                string accumulate = layer.Layer.OperandAccumulates[k] ? "true" : "false";
                writer.Line($"global::Butterfly.Kernels.Merging.ConcatBackward({layer.OutputGradient}, {gradient}, {layer.Batch}, {part}, {layer.Layer.OutputLength}, {offset}, accumulate: {accumulate});");
            }

            k++;
        }
    }

    /// <summary>Each operand's span, its floats per sample and where they start in an output sample.</summary>
    private static IEnumerable<(string Operand, int Part, int Offset)> Parts(LayerEmission layer)
    {
        int offset = 0;
        for (int k = 0; k < layer.Operands.Count; k++)
        {
            int part = (int)layer.Layer.InputShapes[k].Length;
            yield return (layer.Operands[k], part, offset);
            offset += part;
        }
    }
}
