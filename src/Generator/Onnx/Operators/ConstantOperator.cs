using Butterfly.Onnx;

namespace Butterfly.Generator.Onnx.Operators;

/// <summary><c>Constant</c>: its value becomes a constant tensor, read by the operators that take constants (weights, biases, shapes).</summary>
internal sealed class ConstantOperator : OnnxOperator
{
    public override string OpType => "Constant";

    public override void Lower(ImportContext context)
    {
        context.Known("value", "value_float", "value_floats", "value_int", "value_ints");
        var attributes = context.Node.Attributes;
        var tensor = new OnnxTensor { Name = context.Node.Outputs.Count > 0 ? context.Node.Outputs[0] : "" };
        if (attributes.TryGetValue("value", out var value) && value.T is { } stored)
        {
            stored.Name = tensor.Name;
            if (stored.External || stored.ElementCount != stored.StoredCount)
            {
                throw context.Fail($"its value has the shape {stored.ShapeText} but holds {stored.StoredCount} values");
            }

            tensor = stored;
        }
        else if (attributes.TryGetValue("value_float", out value))
        {
            (tensor.DataType, tensor.Floats, tensor.StoredCount) = (TensorDataType.Float, [value.F], 1);
        }
        else if (attributes.TryGetValue("value_floats", out value))
        {
            (tensor.DataType, tensor.Floats, tensor.StoredCount) = (TensorDataType.Float, value.Floats.ToArray(), value.Floats.Count);
            tensor.Dims.Add(value.Floats.Count);
        }
        else if (attributes.TryGetValue("value_int", out value))
        {
            (tensor.DataType, tensor.Integers, tensor.StoredCount) = (TensorDataType.Int64, [value.I], 1);
        }
        else if (attributes.TryGetValue("value_ints", out value))
        {
            (tensor.DataType, tensor.Integers, tensor.StoredCount) = (TensorDataType.Int64, value.Ints.ToArray(), value.Ints.Count);
            tensor.Dims.Add(value.Ints.Count);
        }
        else
        {
            throw context.Fail("it has no value the importer reads (value, value_float(s) or value_int(s))");
        }

        context.Output(new ConstantValue(tensor));
    }
}
