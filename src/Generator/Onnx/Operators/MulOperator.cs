namespace Butterfly.Generator.Onnx.Operators;

/// <summary><c>Mul</c> of two data tensors of one shape: <c>[Multiply]</c>, element by element (gates, attention masks).</summary>
internal sealed class MulOperator : OnnxOperator
{
    public override string OpType => "Mul";

    public override void Lower(ImportContext context)
    {
        context.Known();
        if (context.IsConstant(0) || context.IsConstant(1))
        {
            throw context.Fail("it multiplies by a constant, which Butterfly supports only where it folds into a layer (BatchNormalization); it multiplies two data tensors");
        }

        context.Output(Merge.Of(context, "Multiply"));
    }
}
