using Butterfly.Generator.Emitting;
using Butterfly.Generator.Model;

namespace Butterfly.Generator.Layers;

/// <summary>
/// An element-wise activation <c>y = f(x)</c>: same shape out as in, no parameters, and a backward rule
/// <c>dx = dy ⊙ f'(x)</c> written in terms of <c>y</c>, so that only the output is kept.
/// </summary>
internal abstract class ActivationLayer : LayerKind
{
    public override bool IsElementwise => true;

    public override ForwardValues BackwardReads => ForwardValues.Output;

    /// <summary>The forward rule, for the comment over the emitted call.</summary>
    protected abstract string Formula { get; }

    /// <summary>The backward rule in terms of <c>y</c>, for the comment over the emitted call.</summary>
    protected abstract string BackwardFormula { get; }

    public override ShapeResult InferShape(Shape input, LayerSpec spec) => ShapeResult.Of(input);

    public override void EmitPredict(CodeWriter writer, LayerEmission layer) => EmitForward(writer, layer);

    public override void EmitForward(CodeWriter writer, LayerEmission layer)
    {
        writer.Comment(Formula);
        writer.Line($"global::Butterfly.Kernels.Activations.{Name}({layer.Input}, {layer.Output});");
    }

    public override void EmitBackward(CodeWriter writer, LayerEmission layer)
    {
        if (layer.InputGradient is not { } inputGradient)
        {
            writer.Comment("First layer: the input needs no gradient.");
            return;
        }

        writer.Comment(BackwardFormula);
        writer.Line($"global::Butterfly.Kernels.Activations.{Name}Backward({layer.Output}, {layer.OutputGradient}, {inputGradient});");
    }
}
