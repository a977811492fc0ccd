using System.Collections.Generic;
using Butterfly.Generator.Diagnostics;
using Butterfly.Generator.Emitting;
using Butterfly.Generator.Model;

namespace Butterfly.Generator.Layers;

/// <summary>
/// Pooling over <c>size × size</c> windows of each channel, <c>stride</c> apart (the stride defaults to the size).
/// Windows that do not tile the input take the floor (the last rows or columns no window reaches are left out), with a
/// warning, BF0027.
/// </summary>
internal abstract class PoolingLayer : LayerKind
{
    /// <summary>The kernel method: <c>Max</c> or <c>Average</c>.</summary>
    protected abstract string Kernel { get; }

    /// <summary>The forward rule, for the comment.</summary>
    protected abstract string Formula { get; }

    /// <summary>The backward rule, for the comment.</summary>
    protected abstract string BackwardFormula { get; }

    public override IEnumerable<LayerError> CheckArguments(LayerSpec spec)
    {
        // A stride left out equals the size, which the size's own check covers.
        double size = spec.Get("size"), stride = spec.Get("stride", 1);
        if (size <= 0)
        {
            yield return new LayerError(DiagnosticDescriptors.NonPositiveSize, [Name + " size", size]);
        }

        if (stride <= 0)
        {
            yield return new LayerError(DiagnosticDescriptors.NonPositiveSize, [Name + " stride", stride]);
        }
    }

    public override ShapeResult InferShape(Shape input, LayerSpec spec)
    {
        int size = spec.GetInt32("size"), stride = (int)Stride(spec);
        if ((ImageInput.Require(input, spec) ?? ImageInput.RequireFits(input, spec, size, 0)) is { } rejected)
        {
            return rejected;
        }

        // Rounded down, as every framework does (ONNX's ceil_mode = 0): windows that would hang over the edge are left out.
        var output = Shape.Of(input[0], (input[1] - size) / stride + 1, (input[2] - size) / stride + 1);
        int rows = (input[1] - size) % stride, columns = (input[2] - size) % stride;
        return rows == 0 && columns == 0
            ? ShapeResult.Of(output)
            : ShapeResult.Of(output, DiagnosticDescriptors.WindowsDoNotTile, spec.ToString(), size, stride, input[1], input[2], LeftOut(rows, columns));
    }

    public override void EmitPredict(CodeWriter writer, LayerEmission layer) => EmitForward(writer, layer);

    public override void EmitForward(CodeWriter writer, LayerEmission layer)
    {
        writer.Comment(Formula);
        writer.Line($"global::Butterfly.Kernels.Pooling.{Kernel}({layer.Input}, {layer.Output}, {Planes(layer)}, {Arguments(layer)});");
    }

    public override void EmitBackward(CodeWriter writer, LayerEmission layer)
    {
        if (layer.InputGradient is not { } inputGradient)
        {
            writer.Comment("First layer: the input needs no gradient.");
            return;
        }

        writer.Comment(BackwardFormula);
        string input = BackwardReads.HasFlag(ForwardValues.Input) ? layer.Input + ", " : "";
        writer.Line($"global::Butterfly.Kernels.Pooling.{Kernel}Backward({input}{layer.OutputGradient}, {inputGradient}, {Planes(layer)}, {Arguments(layer)});");
    }

    /// <summary>The rows and columns no window reaches: <c>1 row and 2 columns</c>, or only the side that has any.</summary>
    private static string LeftOut(int rows, int columns)
    {
        string Count(int count, string what) => count + " " + what + (count == 1 ? "" : "s");
        return rows == 0 ? Count(columns, "column") : columns == 0 ? Count(rows, "row") : Count(rows, "row") + " and " + Count(columns, "column");
    }

    protected static double Stride(LayerSpec spec) => spec.Get("stride", spec.Get("size"));

    /// <summary>Channel planes in the batch: every sample's channels are pooled alike.</summary>
    protected static string Planes(LayerEmission layer) =>
        layer.Context == EmissionContext.Predict ? $"{layer.Layer.InputShape[0]}" : $"batch * {layer.Layer.InputShape[0]}";

    /// <summary>height, width, size, stride.</summary>
    protected static string Arguments(LayerEmission layer)
    {
        var spec = layer.Layer.Spec;
        return $"{layer.Layer.InputShape[1]}, {layer.Layer.InputShape[2]}, {spec.GetInt32("size")}, {(int)Stride(spec)}";
    }
}
