using Butterfly.Generator.Model;

namespace Butterfly.Generator.Onnx.Operators;

/// <summary>
/// <c>MaxPool</c> and <c>AveragePool</c> without padding: <c>[MaxPool(size, stride)]</c>, <c>[AvgPool(size, stride)]</c>.
/// Windows that do not tile the input take the floor, as ONNX's default <c>ceil_mode = 0</c> does; <c>ceil_mode</c> is
/// taken only where the windows tile the input (then ceiling and floor agree).
/// </summary>
internal sealed class PoolOperator(string opType, string kind) : OnnxOperator
{
    public override string OpType => opType;

    public override void Lower(ImportContext context)
    {
        context.Known("auto_pad", "ceil_mode", "count_include_pad", "dilations", "kernel_shape", "pads", "storage_order", "strides");
        if (context.Node.Outputs.Count > 1 && context.Node.Outputs[1].Length > 0)
        {
            throw context.Reject("a second output (the indices)", "the pooled values only");
        }

        if (context.Int("storage_order", 0) != 0)
        {
            throw context.Reject("storage_order = 1", "row-major storage (0)");
        }

        var input = context.Image(0);
        var window = Window.Read(context, input, context.Ints("kernel_shape") ?? throw context.Fail("it has no kernel_shape, which ONNX requires"));
        if (window.KernelHeight != window.KernelWidth)
        {
            throw context.Reject($"the window {window.KernelHeight}×{window.KernelWidth}", "square windows");
        }

        if (window.StrideHeight != window.StrideWidth)
        {
            throw context.Reject($"strides [{window.StrideHeight}, {window.StrideWidth}]", "the same stride along both axes");
        }

        if (window.PadTop != 0 || window.PadLeft != 0 || window.PadBottom != 0 || window.PadRight != 0)
        {
            throw context.Reject(
                $"the padding [{window.PadTop}, {window.PadLeft}, {window.PadBottom}, {window.PadRight}]", "pooling without padding");
        }

        int size = window.KernelHeight, stride = window.StrideHeight;
        bool tiles = (input.Shape[1] - size) % stride == 0 && (input.Shape[2] - size) % stride == 0;
        if (context.Int("ceil_mode", 0) != 0 && !tiles)
        {
            throw context.Reject("ceil_mode = 1 with windows that do not tile the input", "ceil_mode = 0, or windows that tile the input");
        }

        LayerArgument[] arguments = stride == size ? [new("size", size)] : [new("size", size), new("stride", stride)];
        context.Output(context.AddLayer(kind, arguments, [input], null));
    }
}
