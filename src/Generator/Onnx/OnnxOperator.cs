namespace Butterfly.Generator.Onnx;

/// <summary>
/// How one ONNX operator lowers onto Butterfly layers: it reads the node through <see cref="ImportContext"/> (inputs,
/// constants, attributes), adds layers or folds into the one before, binds the node's outputs, and throws
/// <see cref="ImportException"/> (through the context's <c>Reject</c> and <c>Fail</c>) for what it cannot express.
/// Adding an operator means adding one subclass and listing it in <see cref="OnnxOperators"/>.
/// </summary>
internal abstract class OnnxOperator
{
    /// <summary>The ONNX operator type, such as <c>Gemm</c>.</summary>
    public abstract string OpType { get; }

    public abstract void Lower(ImportContext context);
}
