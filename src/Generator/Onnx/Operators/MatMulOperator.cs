namespace Butterfly.Generator.Onnx.Operators;

/// <summary>
/// <c>MatMul</c> of the data [N × K] by constant weights [K × units]: <c>[Dense(units)]</c> with a zero bias, which the
/// <c>Add</c> exporters put after it folds into (see <see cref="AddOperator"/>).
/// </summary>
internal sealed class MatMulOperator : OnnxOperator
{
    public override string OpType => "MatMul";

    public override void Lower(ImportContext context)
    {
        context.Known();
        var input = context.RawActivation(0);
        int inputs = DenseLowering.Inputs(context, input);
        var b = context.Constant(1, "second operand (weights)");
        float[] values = context.Floats(b);
        if (b.Dims.Count != 2 || b.Dims[0] != inputs)
        {
            throw context.Fail($"its weights have the shape {b.ShapeText}, but Butterfly multiplies an input of {inputs} features by constant weights [{inputs}, units]");
        }

        int units = (int)b.Dims[1];
        var weights = new float[units * inputs];
        for (int u = 0; u < units; u++)
        {
            for (int k = 0; k < inputs; k++)
            {
                weights[(u * inputs) + k] = values[(k * units) + u];
            }
        }

        context.Output(DenseLowering.Add(context, input, weights, new float[units], units));
    }
}
