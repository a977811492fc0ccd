using Butterfly.Generator.Model;

namespace Butterfly.Generator.Onnx.Operators;

/// <summary>
/// <c>Conv</c> of [N, C, H, W] data with constant weights [F, C, KH, KW] (OIHW, Butterfly's own layout) and an optional
/// bias: <c>[Conv2D(F, KH, SH, PT, KernelWidth = KW, StrideWidth = SW, PadLeft = PL, PadBottom = PB, PadRight = PR)]</c>,
/// or <c>[Conv2D(F, K, stride, padding)]</c> for a square kernel, one stride and one padding; group 1.
/// </summary>
internal sealed class ConvOperator : OnnxOperator
{
    public override string OpType => "Conv";

    public override void Lower(ImportContext context)
    {
        context.Known("auto_pad", "dilations", "group", "kernel_shape", "pads", "strides");
        if (context.Int("group", 1) != 1)
        {
            throw context.Reject($"group = {context.Int("group", 1)}", "group = 1 (no grouped or depthwise convolution)");
        }

        var input = context.Image(0);
        var w = context.Constant(1, "W (weights)");
        float[] weights = context.Floats(w);
        if (w.Dims.Count != 4 || w.Dims[1] != input.Shape[0])
        {
            throw context.Fail($"its weights have the shape {w.ShapeText}, which does not fit an input of {input.Shape[0]} channels");
        }

        long[] kernelShape = context.Ints("kernel_shape") ?? [w.Dims[2], w.Dims[3]];
        if (kernelShape.Length != 2 || kernelShape[0] != w.Dims[2] || kernelShape[1] != w.Dims[3])
        {
            throw context.Fail($"its kernel_shape [{string.Join(", ", kernelShape)}] differs from its weights' {w.ShapeText}");
        }

        var window = Window.Read(context, input, kernelShape);
        int filters = (int)w.Dims[0];
        float[] bias = context.HasInput(2) ? BiasBroadcast.Read(context, context.Constant(2, "B (bias)"), filters, channelAxisFromEnd: 0) : new float[filters];
        // The constructor's arguments from the top-left, the other axis and sides as properties; the layer's Resolve
        // drops those that repeat them.
        context.Output(context.AddLayer(
            "Conv2D",
            [
                new("filters", filters), new("kernel", window.KernelHeight), new("stride", window.StrideHeight), new("padding", window.PadTop),
                new("kernelWidth", window.KernelWidth), new("strideWidth", window.StrideWidth),
                new("padLeft", window.PadLeft), new("padBottom", window.PadBottom), new("padRight", window.PadRight),
            ],
            [input],
            null,
            (float[])weights.Clone(),
            (float[])bias.Clone()));
    }
}
