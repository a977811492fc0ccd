using System.Linq;
using Butterfly.Generator.Model;

namespace Butterfly.Generator.Onnx.Operators;

/// <summary>
/// An element-wise activation that is one Butterfly layer, such as <c>Relu</c> to <c>[ReLU]</c> or <c>LeakyRelu</c>
/// (alpha) to <c>[LeakyReLU(slope)]</c>: each float attribute maps onto the layer argument of the same meaning, with
/// ONNX's default when the node leaves it out. Element-wise, it commutes with a transpose: on a tensor whose transpose is
/// still pending (before the Flatten and dense layer that absorb it) it computes in the stored order and passes the
/// pending order on, so tf2onnx's <c>Transpose</c>, activation, <c>Reshape</c>, <c>MatMul</c> costs nothing either.
/// </summary>
internal sealed class ActivationOperator(string opType, string kind, params (string Attribute, string Argument, float Default)[] arguments) : OnnxOperator
{
    public override string OpType => opType;

    public override void Lower(ImportContext context)
    {
        context.Known(arguments.Select(a => a.Attribute).ToArray());
        var input = context.RawActivation(0);
        var values = arguments.Select(a => new LayerArgument(a.Argument, ImportContext.Number(context.Float(a.Attribute, a.Default)))).ToArray();
        var output = context.AddLayer(kind, values, [input], input.Shape);
        context.Output(input.Permutation is null && input.ColumnOrder is null
            ? output
            : output.With(input.Shape, output.LayerShape, input.Permutation, input.ColumnOrder));
    }
}
