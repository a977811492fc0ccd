using System.Linq;

namespace Butterfly.Generator.Onnx.Operators;

/// <summary><c>Concat</c> along the channel axis (axis 1, after the batch): <c>[Concat]</c>, which stacks channels.</summary>
internal sealed class ConcatOperator : OnnxOperator
{
    public override string OpType => "Concat";

    public override void Lower(ImportContext context)
    {
        context.Known("axis");
        if (!context.Has("axis"))
        {
            throw context.Fail("it has no axis attribute, which ONNX requires");
        }

        int rank = context.RawActivation(0).Shape.Length + 1;
        long axis = context.Int("axis", 1);
        if (axis != 1 && axis != 1 - rank)
        {
            throw context.Reject($"axis = {axis}", "concatenation along axis 1 (channels, or features of a vector)");
        }

        context.Output(Merge.Of(context, "Concat", operands =>
            new[] { operands.Sum(o => o.Shape[0]) }.Concat(operands[0].Shape.Skip(1)).ToArray()));
    }
}
