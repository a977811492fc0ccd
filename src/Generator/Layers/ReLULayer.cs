using Butterfly.Generator.Model;

namespace Butterfly.Generator.Layers;

/// <summary>The rectifier; its derivative is 1 where the output is positive, else 0.</summary>
internal sealed class ReLULayer : ActivationLayer
{
    public override string Name => "ReLU";

    public override bool IsRectifier => true;

    public override string Stem => "relu";

    protected override string Formula => "y = max(0, x)";

    protected override string BackwardFormula => "dx = dy ⊙ [x > 0] = dy ⊙ [y > 0]";

    public override bool IsReLU => true;

    /// <summary><c>max(0, 0) = 0</c>: a border of zeros stays one.</summary>
    public override ChannelsLastUse ChannelsLast(LayerSpec spec) => ChannelsLastUse.Keeps;

    public override bool AddsGradientShareInBackward => true;

    public override void EmitBackward(Emitting.CodeWriter writer, LayerEmission layer)
    {
        if (layer.OutputGradientShare is not { } share || layer.InputGradient is not { } inputGradient)
        {
            base.EmitBackward(writer, layer);
            return;
        }

        writer.Comment("dx = (dy + share) ⊙ [y > 0]: the share, the last reader's part of dy (in the gradient-sum region), added on the way");
        writer.Line($"global::Butterfly.Kernels.Merging.AddReLUBackward({layer.Output}, {layer.OutputGradient}, {share}, {inputGradient});");
    }

    public override string JoinedFormula(LayerSpec spec) => Formula;
}
