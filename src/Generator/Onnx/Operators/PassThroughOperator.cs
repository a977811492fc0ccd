namespace Butterfly.Generator.Onnx.Operators;

/// <summary>
/// <c>Identity</c> and inference <c>Dropout</c>: the output is the input, so they vanish. (A Dropout's mask output is
/// refused; so is one whose training_mode is a constant true.)
/// </summary>
internal sealed class PassThroughOperator(string opType) : OnnxOperator
{
    public override string OpType => opType;

    public override void Lower(ImportContext context)
    {
        context.Known("ratio", "seed", "is_test");
        if (context.Node.Outputs.Count > 1 && context.Node.Outputs[1].Length > 0)
        {
            throw context.Reject("a mask output", "inference, where the mask is not used");
        }

        if (context.HasInput(2) && context.IsConstant(2) && context.Constant(2, "training_mode").Integers is { Length: > 0 } training && training[0] != 0)
        {
            throw context.Reject("training_mode = true", "inference (training_mode false)");
        }

        context.Output(context.Value(0));
    }
}
