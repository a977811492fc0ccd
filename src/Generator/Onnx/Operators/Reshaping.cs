using System.Linq;

namespace Butterfly.Generator.Onnx.Operators;

/// <summary>
/// What Flatten and Reshape share: the floats of a sample stay where they are and only their shape changes, so neither
/// needs a layer (a layer that must see the new shape gets a <c>[Flatten]</c> then, see <see cref="ImportContext.Exact"/>).
/// A pending transpose is resolved here into the column order a following dense layer absorbs.
/// </summary>
internal static class Reshaping
{
    public static Activation To(ImportContext context, Activation input, int[] shape)
    {
        if (shape.Aggregate(1L, (p, d) => p * d) != input.Length)
        {
            throw context.Fail($"it reshapes {ImportContext.Batched(input.Shape)} into {ImportContext.Batched(shape)}, which holds another number of values per sample");
        }

        if (input.Permutation is { } permutation)
        {
            return shape.Length == 1
                ? input.With(shape, input.LayerShape, columnOrder: ColumnOrder(input.Shape, permutation, input.LayerShape))
                : throw context.Fail("it reshapes a transposed tensor into more than [N, K], which Butterfly cannot store");
        }

        if (input.ColumnOrder is not null && shape.Length != 1)
        {
            throw context.Fail("it reshapes a flattened transposed tensor back into an image, which Butterfly cannot store");
        }

        return input.With(shape, input.LayerShape, columnOrder: input.ColumnOrder);
    }

    /// <summary>
    /// Where each element of the transposed tensor, read row-major, is stored: output axis <c>a</c> is stored axis
    /// <c>permutation[a]</c>.
    /// </summary>
    private static int[] ColumnOrder(int[] shape, int[] permutation, int[] stored)
    {
        int length = shape.Aggregate(1, (p, d) => p * d);
        var strides = new int[stored.Length];
        for (int a = stored.Length - 1, stride = 1; a >= 0; a--)
        {
            strides[a] = stride;
            stride *= stored[a];
        }

        var order = new int[length];
        var index = new int[shape.Length];
        for (int i = 0; i < length; i++)
        {
            int at = 0;
            for (int a = 0; a < shape.Length; a++)
            {
                at += index[a] * strides[permutation[a]];
            }

            order[i] = at;
            for (int a = shape.Length - 1; a >= 0 && ++index[a] == shape[a]; a--)
            {
                index[a] = 0;
            }
        }

        return order;
    }
}
