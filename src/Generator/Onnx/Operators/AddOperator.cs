using Butterfly.Generator.Model;

namespace Butterfly.Generator.Onnx.Operators;

/// <summary>
/// <c>Add</c>. Of two data tensors of one shape: <c>[Add]</c>, the residual merge. Of the data and a constant: the
/// bias that exporters write after a <c>MatMul</c> (or a bias-free <c>Conv</c>), folded into that layer's bias, so
/// <c>MatMul</c> + <c>Add</c> is one <c>[Dense]</c>.
/// </summary>
internal sealed class AddOperator : OnnxOperator
{
    public override string OpType => "Add";

    public override void Lower(ImportContext context)
    {
        context.Known();
        if (context.IsConstant(0) || context.IsConstant(1))
        {
            int data = context.IsConstant(0) ? 1 : 0;
            var input = context.Activation(data);
            var bias = context.Constant(1 - data, "addend");
            var layer = context.FoldTarget(input, "Dense", "Conv2D")
                ?? throw context.Fail("it adds a constant, which Butterfly supports only as the bias right after a Gemm, MatMul or Conv whose output nothing else reads");
            bool dense = layer.Kind.Name == "Dense";
            float[] target = layer.Parameters[1];
            float[] values = BiasBroadcast.Read(context, bias, target.Length, channelAxisFromEnd: dense ? 0 : 2);
            for (int i = 0; i < target.Length; i++)
            {
                target[i] += values[i];
            }

            context.Output(input);
            return;
        }

        context.Output(Merge.Of(context, "Add"));
    }
}
