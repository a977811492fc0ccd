using Butterfly.Generator.Model;

namespace Butterfly.Generator.Onnx.Operators;

/// <summary>
/// <c>Gelu</c> (opset 20): <c>approximate = "none"</c> (the default, <c>x Φ(x)</c>) is <c>[GELU(Exact = true)]</c>,
/// <c>approximate = "tanh"</c> is <c>[GELU]</c>.
/// </summary>
internal sealed class GeluOperator : OnnxOperator
{
    public override string OpType => "Gelu";

    public override void Lower(ImportContext context)
    {
        context.Known("approximate");
        string approximate = context.Text("approximate", "none");
        LayerArgument[] arguments = approximate switch
        {
            "none" => [new LayerArgument("exact", 1)],
            "tanh" => [],
            _ => throw context.Reject($"approximate = \"{approximate}\"", "\"none\" (the erf form) or \"tanh\""),
        };

        var input = context.Activation(0);
        context.Output(context.AddLayer("GELU", arguments, [input], input.Shape));
    }
}
