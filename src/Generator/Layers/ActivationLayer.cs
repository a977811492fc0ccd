using Butterfly.Generator.Emitting;
using Butterfly.Generator.Model;

namespace Butterfly.Generator.Layers;

/// <summary>
/// An element-wise activation <c>y = f(x)</c>: same shape out as in, no parameters, and a backward rule
/// <c>dx = dy ⊙ f'(x)</c> written in terms of <c>y</c> where it can be, so that only the output is kept (else in
/// terms of <c>x</c>, when <see cref="BackwardReads"/> says so). Arguments such as a slope follow the spans.
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

    /// <summary>The kernel's arguments after the spans, such as <c>, 0.01f</c>; empty for none.</summary>
    protected virtual string KernelArguments(LayerSpec spec) => "";

    /// <summary>
    /// The kernel method (its backward rule adds "Backward") and both formulas of the declared form, for a kind whose
    /// arguments choose between forms (GELU's exact and tanh forms); by default the kind's own.
    /// </summary>
    protected virtual (string Kernel, string Formula, string BackwardFormula) Form(LayerSpec spec) => (Name, Formula, BackwardFormula);

    public override void EmitPredict(CodeWriter writer, LayerEmission layer) => EmitForward(writer, layer);

    public override void EmitForward(CodeWriter writer, LayerEmission layer)
    {
        var (kernel, formula, _) = Form(layer.Layer.Spec);
        writer.Comment(formula);
        writer.Line($"global::Butterfly.Kernels.Activations.{kernel}({layer.Input}, {layer.Output}{KernelArguments(layer.Layer.Spec)});");
    }

    public override void EmitBackward(CodeWriter writer, LayerEmission layer)
    {
        if (layer.InputGradient is not { } inputGradient)
        {
            writer.Comment("First layer: the input needs no gradient.");
            return;
        }

        var (kernel, _, backwardFormula) = Form(layer.Layer.Spec);
        writer.Comment(backwardFormula);
        string forwardValue = BackwardReads == ForwardValues.Input ? layer.Input : layer.Output;
        writer.Line($"global::Butterfly.Kernels.Activations.{kernel}Backward({forwardValue}, {layer.OutputGradient}, {inputGradient}{KernelArguments(layer.Layer.Spec)});");
    }
}
