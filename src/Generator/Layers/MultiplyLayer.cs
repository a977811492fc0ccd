using System.Linq;
using Butterfly.Generator.Emitting;
using Butterfly.Generator.Model;

namespace Butterfly.Generator.Layers;

/// <summary>
/// Element-wise product of its operands, <c>y = x_0 ⊙ x_1 ⊙ ...</c>: a gate. Backward gives operand <c>k</c>
/// <c>dx_k = dy ⊙ Π_{j ≠ k} x_j</c>, so it reads the operands' forward values.
/// </summary>
internal sealed class MultiplyLayer : MergeLayer
{
    public override string Name => "Multiply";

    public override ForwardValues BackwardReads => ForwardValues.Input;

    protected override string Disagreement => "an element-wise product needs equal shapes; make the gate the shape of what it gates";

    public override void EmitPredict(CodeWriter writer, LayerEmission layer) => EmitForward(writer, layer);

    /// <summary>A product with zero is zero: a border stays one.</summary>
    public override ChannelsLastUse ChannelsLast(LayerSpec spec) => ChannelsLastUse.Keeps;

    public override void EmitForward(CodeWriter writer, LayerEmission layer)
    {
        if (layer.ChannelsLastBorder >= 0)
        {
            string rows = $"{layer.Layer.OutputShape[1]}, {layer.ChannelsLastBorder}";
            writer.Comment($"y = {string.Join(" ⊙ ", layer.Operands)}, over the channels-last images with their zero borders");
            writer.Line($"global::Butterfly.Kernels.ChannelsLast.Multiply({layer.Operands[0]}, {layer.Operands[1]}, {layer.Output}, {rows}{layer.SplitArgument});");
            for (int k = 2; k < layer.Operands.Count; k++)
            {
                writer.Line($"global::Butterfly.Kernels.ChannelsLast.Multiply({layer.Output}, {layer.Operands[k]}, {layer.Output}, {rows}{layer.SplitArgument});");
            }

            return;
        }

        writer.Comment($"y = {string.Join(" ⊙ ", layer.Operands)}");
        writer.Line($"global::Butterfly.Kernels.Merging.Multiply({layer.Operands[0]}, {layer.Operands[1]}, {layer.Output});");
        for (int k = 2; k < layer.Operands.Count; k++)
        {
            writer.Line($"global::Butterfly.Kernels.Merging.Multiply({layer.Output}, {layer.Operands[k]}, {layer.Output});");
        }
    }

    public override void EmitBackward(CodeWriter writer, LayerEmission layer)
    {
        writer.Comment("dx_k = dy ⊙ Π_{j ≠ k} x_j (added where the operand's output also feeds other layers)");
        for (int k = 0; k < layer.Operands.Count; k++)
        {
            if (layer.OperandGradients[k] is not { } gradient)
            {
                continue;
            }

            var others = layer.Operands.Where((_, j) => j != k).ToList();
            bool accumulates = layer.Layer.OperandAccumulates[k];
            if (others.Count == 1)
            {
                writer.Line($"global::Butterfly.Kernels.Merging.{(accumulates ? "MultiplyAdd" : "Multiply")}({layer.OutputGradient}, {others[0]}, {gradient});");
                continue;
            }

            string target = accumulates ? layer.GradientSum : gradient;
            writer.Line($"global::Butterfly.Kernels.Merging.Multiply({layer.OutputGradient}, {others[0]}, {target});");
            foreach (string other in others.Skip(1))
            {
                writer.Line($"global::Butterfly.Kernels.Merging.Multiply({target}, {other}, {target});");
            }

            if (accumulates)
            {
                writer.Line($"global::Butterfly.Kernels.Merging.Accumulate({gradient}, {target});");
            }
        }
    }
}
