using System.Collections.Generic;
using System.Linq;

namespace Butterfly.Generator.Onnx.Operators;

/// <summary>The merge layers (<c>[Add]</c>, <c>[Multiply]</c>, <c>[Concat]</c>) over every input of the node, which must all be data.</summary>
internal static class Merge
{
    public static Activation Of(ImportContext context, string kind, System.Func<IReadOnlyList<Activation>, int[]>? shape = null)
    {
        var operands = Enumerable.Range(0, context.Node.Inputs.Count).Where(context.HasInput).Select(context.Exact).ToList();
        if (operands.Count < 2)
        {
            throw context.Fail("it has fewer than two inputs to merge");
        }

        if (shape is null && operands.Any(o => !o.Shape.SequenceEqual(operands[0].Shape)))
        {
            throw context.Fail($"its inputs have the shapes {string.Join(" and ", operands.Select(o => ImportContext.Batched(o.Shape)))}, but Butterfly merges tensors of one shape, without broadcasting");
        }

        return context.AddLayer(kind, [], operands, shape?.Invoke(operands) ?? operands[0].Shape);
    }
}
