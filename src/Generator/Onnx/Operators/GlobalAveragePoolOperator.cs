namespace Butterfly.Generator.Onnx.Operators;

/// <summary><c>GlobalAveragePool</c>: <c>[GlobalAvgPool]</c>, ONNX's [N, C, 1, 1] stored as Butterfly's (C).</summary>
internal sealed class GlobalAveragePoolOperator : OnnxOperator
{
    public override string OpType => "GlobalAveragePool";

    public override void Lower(ImportContext context)
    {
        context.Known();
        var input = context.Image(0);
        context.Output(context.AddLayer("GlobalAvgPool", [], [input], [input.Shape[0], 1, 1]));
    }
}
