using System.Linq;

namespace Butterfly.Generator.Onnx.Operators;

/// <summary>
/// <c>Softmax</c> or <c>LogSoftmax</c> over each sample's values: <c>[Softmax]</c> or <c>[LogSoftmax]</c>. Both take
/// their axis alike: before opset 13 ONNX normalizes over every axis from <c>axis</c> (default 1) on, which at axis 1 is
/// the whole sample; from 13 over the one axis (default -1), which is the whole sample when the other per-sample axes
/// have size 1.
/// </summary>
internal sealed class SoftmaxOperator(string opType, string layer) : OnnxOperator
{
    public override string OpType => opType;

    public override void Lower(ImportContext context)
    {
        context.Known("axis");
        var input = context.Activation(0);
        int rank = input.Shape.Length + 1;
        long axis = context.Int("axis", context.Opset >= 13 ? -1 : 1);
        if (axis < 0)
        {
            axis += rank;
        }

        bool wholeSample = context.Opset >= 13
            ? input.Shape.Where((size, a) => a + 1 != axis).All(size => size == 1) && axis >= 1
            : axis == 1;
        if (!wholeSample)
        {
            throw context.Reject($"axis = {context.Int("axis", context.Opset >= 13 ? -1 : 1)} over {ImportContext.Batched(input.Shape)}", $"{opType} over all of each sample's values");
        }

        context.Output(context.AddLayer(layer, [], [input], input.Shape));
    }
}
