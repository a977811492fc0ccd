using System.Linq;

namespace Butterfly.Generator.Onnx.Operators;

/// <summary>
/// <c>Transpose</c> that keeps the batch axis first. Butterfly stores channels first and has no transpose layer, so:
/// a transpose that only moves size-1 axes is a reshape; one of the network's input (tf2onnx's NHWC to NCHW) makes the
/// compiled network take its input in the transposed order; one before a Flatten and a dense layer is absorbed into
/// that layer's weight columns. Anything else is reported.
/// </summary>
internal sealed class TransposeOperator : OnnxOperator
{
    public override string OpType => "Transpose";

    public override void Lower(ImportContext context)
    {
        context.Known("perm");
        var input = context.Activation(0);
        int rank = input.Shape.Length + 1;
        long[] perm = context.Ints("perm") ?? Enumerable.Range(0, rank).Reverse().Select(a => (long)a).ToArray();
        if (perm.Length != rank || perm[0] != 0 || !perm.OrderBy(a => a).SequenceEqual(Enumerable.Range(0, rank).Select(a => (long)a)))
        {
            throw context.Reject($"perm = [{string.Join(", ", perm)}]", "permutations of a tensor of rank " + rank + " that keep the batch axis (0) first");
        }

        int[] axes = perm.Skip(1).Select(a => (int)a - 1).ToArray();
        int[] shape = axes.Select(a => input.Shape[a]).ToArray();
        int[] moved = axes.Where(a => input.Shape[a] != 1).ToArray();
        if (moved.Zip(moved.Skip(1), (a, b) => a < b).All(increasing => increasing))
        {
            // Only size-1 axes move: the floats keep their order.
            context.Output(input.With(shape, input.LayerShape));
            return;
        }

        if (input.Producer < 0 && input.Exclusive && input.Shape.SequenceEqual(input.LayerShape))
        {
            context.InputShape = shape;
            context.Notes.Add(
                $"The model starts by transposing its input from {ImportContext.Batched(input.Shape)} to {ImportContext.Batched(shape)} (perm [{string.Join(", ", perm)}]); " +
                $"the compiled network takes its input already in that order, shape {ImportContext.Format(shape)}.");
            context.Output(new Activation(-1, shape, shape) { Exclusive = true });
            return;
        }

        if (!input.Shape.SequenceEqual(input.LayerShape))
        {
            throw context.Fail("it transposes a tensor whose Butterfly shape differs from its ONNX shape");
        }

        context.Output(input.With(shape, input.LayerShape, permutation: axes));
    }
}
