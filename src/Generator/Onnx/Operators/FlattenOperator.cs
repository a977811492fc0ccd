namespace Butterfly.Generator.Onnx.Operators;

/// <summary><c>Flatten</c> at axis 1: each sample read as a vector, [N, C, H, W] to [N, CHW].</summary>
internal sealed class FlattenOperator : OnnxOperator
{
    public override string OpType => "Flatten";

    public override void Lower(ImportContext context)
    {
        context.Known("axis");
        var input = context.RawActivation(0);
        long axis = context.Int("axis", 1);
        if (axis != 1 && axis != -input.Shape.Length)
        {
            throw context.Reject($"axis = {axis}", "axis = 1, which keeps the batch axis and flattens each sample");
        }

        context.Output(Reshaping.To(context, input, [(int)input.Length]));
    }
}
