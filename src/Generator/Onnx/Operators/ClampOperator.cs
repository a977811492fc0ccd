using Butterfly.Generator.Model;

namespace Butterfly.Generator.Onnx.Operators;

/// <summary>
/// Bounds against constants, as <c>[Clamp(min, max)]</c>: <c>Clip</c> (its bounds as attributes before opset 11, as
/// optional scalar inputs from then on; a bound left out is open, and a Clip without any is the identity), and
/// <c>Max</c> or <c>Min</c> of a tensor and a one-value constant, in either order (a clamp open above, or below).
/// </summary>
internal sealed class ClampOperator(string opType) : OnnxOperator
{
    public override string OpType => opType;

    public override void Lower(ImportContext context)
    {
        if (opType == "Clip")
        {
            LowerClip(context);
            return;
        }

        context.Known();
        if (context.Node.Inputs.Count != 2)
        {
            throw context.Reject($"{context.Node.Inputs.Count} operands", "two: a tensor and a one-value constant");
        }

        int constant = context.IsConstant(0) ? 0 : 1;
        float bound = Scalar(context, constant, "constant operand");
        var input = context.Activation(1 - constant);
        bool max = opType == "Max";
        Clamp(context, input, max ? bound : float.NegativeInfinity, max ? float.PositiveInfinity : bound);
    }

    private static void LowerClip(ImportContext context)
    {
        context.Known("min", "max");
        var input = context.Activation(0);
        float min = context.Opset < 11 ? context.Float("min", float.NegativeInfinity) : context.HasInput(1) ? Scalar(context, 1, "min") : float.NegativeInfinity;
        float max = context.Opset < 11 ? context.Float("max", float.PositiveInfinity) : context.HasInput(2) ? Scalar(context, 2, "max") : float.PositiveInfinity;
        if (float.IsNegativeInfinity(min) && float.IsPositiveInfinity(max))
        {
            context.Output(input);
            return;
        }

        Clamp(context, input, min, max);
    }

    private static void Clamp(ImportContext context, Activation input, float min, float max) =>
        context.Output(context.AddLayer(
            "Clamp",
            [new LayerArgument("min", ImportContext.Number(min)), new LayerArgument("max", ImportContext.Number(max))],
            [input],
            input.Shape));

    private static float Scalar(ImportContext context, int k, string role)
    {
        var tensor = context.Constant(k, role);
        float[] values = context.Floats(tensor);
        return values.Length == 1
            ? values[0]
            : throw context.Fail($"its {role} has the shape {tensor.ShapeText}; Butterfly bounds every value by one constant");
    }
}
