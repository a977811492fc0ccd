using System.Linq;

namespace Butterfly.Generator.Onnx.Operators;

/// <summary>
/// <c>Reshape</c> to a constant shape that keeps the batch axis first: 0 copies an input size, -1 takes what is left.
/// The floats stay in place, so it costs nothing.
/// </summary>
internal sealed class ReshapeOperator : OnnxOperator
{
    public override string OpType => "Reshape";

    public override void Lower(ImportContext context)
    {
        context.Known("allowzero");
        var input = context.RawActivation(0);
        long[] target = context.HasInput(1)
            ? context.Integers(context.Constant(1, "shape"), "shape")
            : context.Ints("shape") ?? throw context.Fail("it has no shape");
        if (context.Int("allowzero", 0) != 0 && target.Contains(0))
        {
            throw context.Reject("allowzero = 1 with a zero size", "allowzero = 0");
        }

        if (target.Length < 2 || target[0] is not (0 or -1 or 1))
        {
            throw context.Fail($"its shape [{string.Join(", ", target)}] does not keep the batch axis first (0 or -1 there), which Butterfly needs");
        }

        var sizes = new long[target.Length - 1];
        int inferred = -1;
        for (int a = 0; a < sizes.Length; a++)
        {
            long size = target[a + 1];
            if (size == 0 && a < input.Shape.Length)
            {
                size = input.Shape[a];
            }
            else if (size == -1 && inferred < 0 && target[0] != -1)
            {
                inferred = a;
                continue;
            }

            sizes[a] = size > 0 ? size : throw context.Fail($"its shape [{string.Join(", ", target)}] leaves more than one size to infer");
        }

        if (inferred >= 0)
        {
            long known = sizes.Where((_, a) => a != inferred).Aggregate(1L, (p, d) => p * d);
            sizes[inferred] = known > 0 && input.Length % known == 0 ? input.Length / known : 0;
        }

        if (sizes.Any(s => s is <= 0 or > int.MaxValue))
        {
            throw context.Fail($"its shape [{string.Join(", ", target)}] does not divide a sample of {input.Length} values");
        }

        context.Output(Reshaping.To(context, input, sizes.Select(s => (int)s).ToArray()));
    }
}
