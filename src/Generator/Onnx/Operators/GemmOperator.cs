namespace Butterfly.Generator.Onnx.Operators;

/// <summary>
/// <c>Gemm</c>: <c>Y = α A' B' + β C</c> with <c>A</c> the data [N × K], <c>B</c> constant weights ([K × units], or
/// [units × K] with <c>transB</c>) and <c>C</c> a constant bias broadcast over the batch. It becomes
/// <c>[Dense(units)]</c> with <c>W = α B'ᵀ</c>, <c>b = β C</c>.
/// </summary>
internal sealed class GemmOperator : OnnxOperator
{
    public override string OpType => "Gemm";

    public override void Lower(ImportContext context)
    {
        context.Known("alpha", "beta", "transA", "transB", "broadcast");
        if (context.Int("transA", 0) != 0)
        {
            throw context.Reject("transA = 1", "transA = 0 (the data is A, one sample per row)");
        }

        var input = context.RawActivation(0);
        int inputs = DenseLowering.Inputs(context, input);
        var b = context.Constant(1, "B (weights)");
        float[] values = context.Floats(b);
        bool transB = context.Int("transB", 0) != 0;
        if (b.Dims.Count != 2 || b.Dims[transB ? 1 : 0] != inputs)
        {
            throw context.Fail($"its B has the shape {b.ShapeText}, which does not multiply an input of {inputs} features{(transB ? " (transB = 1)" : "")}");
        }

        int units = (int)b.Dims[transB ? 0 : 1];
        float alpha = context.Float("alpha", 1f), beta = context.Float("beta", 1f);
        var weights = new float[units * inputs];
        for (int u = 0; u < units; u++)
        {
            for (int k = 0; k < inputs; k++)
            {
                weights[(u * inputs) + k] = alpha * (transB ? values[(u * inputs) + k] : values[(k * units) + u]);
            }
        }

        var bias = new float[units];
        if (context.HasInput(2))
        {
            var c = BiasBroadcast.Read(context, context.Constant(2, "C (bias)"), units, channelAxisFromEnd: 0);
            for (int u = 0; u < units; u++)
            {
                bias[u] = beta * c[u];
            }
        }

        context.Output(DenseLowering.Add(context, input, weights, bias, units));
    }
}
