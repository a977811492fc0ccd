using Butterfly.Generator.Emitting;
using Butterfly.Generator.Model;

namespace Butterfly.Generator.Layers;

/// <summary>
/// Element-wise sum of its operands, <c>y = x_0 + x_1 + ...</c>: a residual connection. Its Jacobian with respect to
/// each operand is the identity, so every operand receives <c>dy</c> itself.
/// </summary>
internal sealed class AddLayer : MergeLayer
{
    public override string Name => "Add";

    public override ForwardValues BackwardReads => ForwardValues.None;

    public override bool PassesGradientToFirstOperand => true;

    public override bool IsSum => true;

    protected override string Disagreement => "an element-wise sum needs equal shapes; make the branches end in the same shape, or use Concat";

    /// <summary>A sum of two: <c>Merging.AddReLU</c> rectifies each block of sums while it is in cache.</summary>
    public override bool AppliesFollowingReLU(LayerSpec spec) => spec.Merged.Count == 1;

    /// <summary>The ReLU's backward reads only its own output, and the sum's reads nothing.</summary>
    public override bool RectifyingCallSkipsOwnOutput(LayerSpec spec) => true;

    public override string JoinedFormula(LayerSpec spec) => "y = x_0 + x_1";

    public override void EmitPredict(CodeWriter writer, LayerEmission layer) => EmitForward(writer, layer);

    /// <summary>A sum of zeros is zero: a border stays one.</summary>
    public override ChannelsLastUse ChannelsLast(LayerSpec spec) => ChannelsLastUse.Keeps;

    public override void EmitForward(CodeWriter writer, LayerEmission layer)
    {
        if (layer.ChannelsLastBorder >= 0)
        {
            EmitChannelsLast(writer, layer);
            return;
        }

        if (layer.Epilogue is { } epilogue)
        {
            // Predict: the ReLU works in place, over this layer's span; a batch pass keeps the sum unless a training step skips it.
            bool predict = layer.Context == EmissionContext.Predict;
            string sum = predict ? "default" : $"everyOutput ? {layer.Output} : default";
            writer.Comment(
                $"{layer.Layer.Name} and {epilogue.Rectifier.Name} in one call: {epilogue.Rectified} = max(0, {layer.Operands[0]} + {layer.Operands[1]})" +
                (predict ? ", summed and rectified a block at a time" : $", and {layer.Output} = the sum unless a training step (everyOutput false) leaves it unstored"));
            writer.Line($"global::Butterfly.Kernels.Merging.AddReLU({layer.Operands[0]}, {layer.Operands[1]}, {sum}, {epilogue.Rectified});");
            return;
        }

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

            if (k == 0 && layer.Layer.Sources[0] is { } first && first.GradientOffset == layer.Layer.GradientOffset)
            {
                writer.Comment($"{gradient} is {layer.OutputGradient} itself: the planner gave both the same region");
                continue;
            }

            writer.Line(layer.Layer.OperandAccumulates[k]
                ? $"global::Butterfly.Kernels.Merging.Accumulate({gradient}, {layer.OutputGradient});"
                : $"global::Butterfly.Kernels.Merging.Copy({layer.OutputGradient}, {gradient});");
        }
    }

    /// <summary>Predict's sum of channels-last images, borders and all (zeros add up to zeros), in the run's bands of rows.</summary>
    private static void EmitChannelsLast(CodeWriter writer, LayerEmission layer)
    {
        string target = layer.Epilogue?.Rectified ?? layer.Output;
        string rows = $"{layer.Layer.OutputShape[1]}, {layer.ChannelsLastBorder}";
        writer.Comment(
            (layer.Epilogue is { } epilogue
                ? $"{layer.Layer.Name} and {epilogue.Rectifier.Name} in one call: {target} = max(0, {layer.Operands[0]} + {layer.Operands[1]})"
                : $"y = {string.Join(" + ", layer.Operands)}") +
            ", over the channels-last images with their zero borders");
        writer.Line($"global::Butterfly.Kernels.ChannelsLast.Add({layer.Operands[0]}, {layer.Operands[1]}, {target}, {rows}{(layer.Epilogue is null ? "" : ", rectify: true")}{layer.SplitArgument});");
        for (int k = 2; k < layer.Operands.Count; k++)
        {
            writer.Line($"global::Butterfly.Kernels.ChannelsLast.Add({target}, {layer.Operands[k]}, {target}, {rows}{layer.SplitArgument});");
        }
    }
}
