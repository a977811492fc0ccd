using Butterfly.Generator.Model;

namespace Butterfly.Generator.Onnx.Operators;

/// <summary>
/// The dense layer <c>y = W x + b</c> that Gemm and MatMul become, <c>W</c> given [units × inputs] in the ONNX
/// tensor's order. Where the input is a flattened transpose, its columns are reordered into the stored order, so the
/// transpose costs nothing at run time.
/// </summary>
internal static class DenseLowering
{
    public static Activation Add(ImportContext context, Activation input, float[] weights, float[] bias, int units)
    {
        if (input.ColumnOrder is { } order)
        {
            int inputs = order.Length;
            var stored = new float[weights.Length];
            for (int u = 0; u < units; u++)
            {
                for (int i = 0; i < inputs; i++)
                {
                    stored[(u * inputs) + order[i]] = weights[(u * inputs) + i];
                }
            }

            weights = stored;
            input = new Activation(input.Producer, input.Shape, input.LayerShape);
        }

        return context.AddLayer("Dense", [new LayerArgument("units", units)], [input], [units], weights, bias);
    }

    /// <summary>The per-sample length a dense layer reads: the ONNX input must be [N, K].</summary>
    public static int Inputs(ImportContext context, Activation input)
    {
        if (input.Permutation is not null)
        {
            throw context.Fail("its input is transposed but not flattened; Butterfly absorbs a transpose only through a Flatten or Reshape to [N, K]");
        }

        return input.Shape.Length == 1
            ? input.Shape[0]
            : throw context.Fail($"its input has the shape {ImportContext.Batched(input.Shape)}, but Butterfly's dense layer multiplies [N, K] inputs (add a Flatten before it)");
    }
}
