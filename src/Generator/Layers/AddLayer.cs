using Butterfly.Generator.Emitting;

namespace Butterfly.Generator.Layers;

/// <summary>
/// Element-wise sum of its operands, <c>y = x_0 + x_1 + ...</c>: a residual connection. Its Jacobian with respect to
/// each operand is the identity, so every operand receives <c>dy</c> itself.
/// </summary>
internal sealed class AddLayer : MergeLayer
{
    public override string Name => "Add";

    public override ForwardValues BackwardReads => ForwardValues.None;

    protected override string Disagreement => "an element-wise sum needs equal shapes; make the branches end in the same shape, or use Concat";

    public override void EmitPredict(CodeWriter writer, LayerEmission layer) => EmitForward(writer, layer);

    public override void EmitForward(CodeWriter writer, LayerEmission layer)
    {
        writer.Comment($"y = {string.Join(" + ", layer.Operands)}");
        writer.Line($"global::Butterfly.Kernels.Merging.Add({layer.Operands[0]}, {layer.Operands[1]}, {layer.Output});");
        for (int k = 2; k < layer.Operands.Count; k++)
        {
            writer.Line($"global::Butterfly.Kernels.Merging.Add({layer.Output}, {layer.Operands[k]}, {layer.Output});");
        }
    }

    public override void EmitBackward(CodeWriter writer, LayerEmission layer)
    {
        writer.Comment("dx_k = dy for every operand (added where the operand's output also feeds other layers)");
        for (int k = 0; k < layer.Operands.Count; k++)
        {
            if (layer.OperandGradients[k] is not { } gradient)
            {
                continue;
            }

            writer.Line(layer.Layer.OperandAccumulates[k]
                ? $"global::Butterfly.Kernels.Merging.Accumulate({gradient}, {layer.OutputGradient});"
                : $"{layer.OutputGradient}.CopyTo({gradient});");
        }
    }
}
