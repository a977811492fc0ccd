using System.Linq;

namespace Butterfly.Generator.Onnx.Operators;

/// <summary>
/// Reads a constant that broadcasts one value per unit or channel over the rest of the tensor: a scalar, <c>[units]</c>,
/// or that with size-1 axes around it (<c>[1, units]</c> after a Gemm, <c>[1, C, 1, 1]</c> or <c>[C, 1, 1]</c> after a
/// Conv), as exporters write biases.
/// </summary>
internal static class BiasBroadcast
{
    /// <param name="context">The node, for messages.</param>
    /// <param name="tensor">The constant.</param>
    /// <param name="units">Values per sample it must give.</param>
    /// <param name="channelAxisFromEnd">Where the units sit counted from the last axis: 0 for features, 2 for image channels.</param>
    public static float[] Read(ImportContext context, OnnxTensor tensor, int units, int channelAxisFromEnd)
    {
        float[] values = context.Floats(tensor);
        if (values.Length == 1)
        {
            return Enumerable.Repeat(values[0], units).ToArray();
        }

        var dims = tensor.Dims;
        int axis = dims.Count - 1 - channelAxisFromEnd;
        bool fits = axis >= 0 && dims[axis] == units && dims.Where((d, i) => i != axis).All(d => d == 1);
        return fits
            ? values
            : throw context.Fail($"its constant '{tensor.Name}' has the shape {tensor.ShapeText}, but Butterfly adds one value per {(channelAxisFromEnd == 0 ? "unit" : "channel")} here ({units} values)");
    }
}
