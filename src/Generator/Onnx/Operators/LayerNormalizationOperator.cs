using System.Linq;
using Butterfly.Generator.Model;

namespace Butterfly.Generator.Onnx.Operators;

/// <summary>
/// <c>LayerNormalization</c> (opset 17): <c>[LayerNorm(epsilon, Axis)]</c>. ONNX's axis counts the batch, Butterfly's
/// does not, so axis <c>a ≥ 1</c> becomes <c>a - 1</c> (a negative one counts from the end in both). Scale and bias
/// (zeros when left out) have the normalized dimensions' shape, which is the layer's γ and β in the same order.
/// </summary>
internal sealed class LayerNormalizationOperator : OnnxOperator
{
    public override string OpType => "LayerNormalization";

    public override void Lower(ImportContext context)
    {
        context.Known("axis", "epsilon", "stash_type");
        if (context.Node.Outputs.Skip(1).Any(o => o.Length > 0))
        {
            throw context.Reject("the mean and inverse deviation as outputs", "one output, the normalized tensor");
        }

        var input = context.Exact(0);
        int rank = input.Shape.Length + 1;
        long axis = context.Int("axis", -1);
        long first = axis < 0 ? axis + rank : axis;
        if (first < 1 || first >= rank)
        {
            throw context.Reject($"axis = {axis}", $"an axis after the batch, from 1 to {rank - 1} (or -{rank - 1} to -1)");
        }

        int width = input.Shape.Skip((int)first - 1).Aggregate(1, (product, d) => product * d);
        float[] scale = Normalized(context, 1, "scale", width);
        float[] bias = context.HasInput(2) ? Normalized(context, 2, "B", width) : new float[width];
        context.Output(context.AddLayer(
            "LayerNorm",
            [new("epsilon", ImportContext.Number(context.Float("epsilon", 1e-5f))), new("axis", first - 1)],
            [input],
            null,
            (float[])scale.Clone(),
            (float[])bias.Clone()));
    }

    private static float[] Normalized(ImportContext context, int k, string role, int width)
    {
        var tensor = context.Constant(k, role);
        float[] values = context.Floats(tensor);
        return values.Length == width
            ? values
            : throw context.Fail($"its {role} has the shape {tensor.ShapeText}, but the normalized dimensions hold {width} values");
    }
}
