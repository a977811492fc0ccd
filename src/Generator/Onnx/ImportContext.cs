using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Butterfly.Generator.Diagnostics;
using Butterfly.Generator.Layers;
using Butterfly.Generator.Model;
using Butterfly.Onnx;

namespace Butterfly.Generator.Onnx;

/// <summary>
/// The state of one import and what an <see cref="OnnxOperator"/> sees of it: the node being lowered, the values bound
/// so far, and the layers made so far. Every check that several operators share is here, once.
/// </summary>
internal sealed class ImportContext
{
    private readonly Dictionary<string, ImportedValue> _values = [];
    private readonly Dictionary<string, int> _readers = [];
    private readonly Dictionary<Activation, Activation> _flattened = [];

    public ImportContext(string modelName, long opset, int[] inputShape)
    {
        ModelName = modelName;
        Opset = opset;
        InputShape = inputShape;
    }

    public string ModelName { get; }

    /// <summary>The default domain's operator set version, which decides attribute defaults that changed over time.</summary>
    public long Opset { get; }

    /// <summary>The network's input shape (per sample); a leading transpose of the input changes it.</summary>
    public int[] InputShape { get; set; }

    /// <summary>What the import changed about how the model is called, for the generated class's documentation.</summary>
    public List<string> Notes { get; } = [];

    public List<ImportedLayer> Layers { get; } = [];

    public OnnxNode Node { get; set; } = new();

    /// <summary>Counts each tensor's readers (nodes and the graph's output), so that folds know when they are safe.</summary>
    public void CountReaders(OnnxGraph graph)
    {
        foreach (string name in graph.Nodes.SelectMany(n => n.Inputs).Concat(graph.Outputs.Select(o => o.Name)))
        {
            _readers.TryGetValue(name, out int count);
            _readers[name] = count + 1;
        }
    }

    /// <summary>Binds a tensor of the graph before any node runs: the input or an initializer.</summary>
    public void Define(string name, ImportedValue value) => _values[name] = Exclusive(name, value);

    public bool TryGetValue(string name, out ImportedValue value) => _values.TryGetValue(name, out value!);

    // ----- inputs -----

    public bool HasInput(int k) => k < Node.Inputs.Count && Node.Inputs[k].Length > 0;

    public ImportedValue Value(int k)
    {
        if (!HasInput(k))
        {
            throw Fail($"it has no input {k + 1}, which the operator needs");
        }

        return _values.TryGetValue(Node.Inputs[k], out var value)
            ? value
            : throw Fail($"its input '{Node.Inputs[k]}' is neither the graph's input, an initializer nor an earlier node's output");
    }

    /// <summary>Input <paramref name="k"/> as an activation, which may still carry a pending transpose or column order.</summary>
    public Activation RawActivation(int k) => Value(k) as Activation
        ?? throw Fail($"its input '{Node.Inputs[k]}' is a constant, but Butterfly computes this operator only on the data flowing through the network");

    /// <summary>Input <paramref name="k"/> as an activation stored in its ONNX order.</summary>
    public Activation Activation(int k)
    {
        var value = RawActivation(k);
        if (value.Permutation is not null || value.ColumnOrder is not null)
        {
            throw Fail($"its input '{Node.Inputs[k]}' is a transposed tensor, which Butterfly can only feed to a Flatten or Reshape followed by Gemm or MatMul");
        }

        return value;
    }

    /// <summary>Input <paramref name="k"/> as an activation whose Butterfly shape is its ONNX shape (a Flatten layer added where needed).</summary>
    public Activation Exact(int k)
    {
        var value = Activation(k);
        if (value.Shape.SequenceEqual(value.LayerShape))
        {
            return value;
        }

        if (value.Shape.Length == 1)
        {
            if (!_flattened.TryGetValue(value, out var flat))
            {
                flat = AddLayer("Flatten", [], [value], value.Shape);
                _flattened[value] = flat;
            }

            return flat;
        }

        throw Fail($"its input '{Node.Inputs[k]}' has the shape {Format(value.Shape)} in ONNX but {Format(value.LayerShape)} in Butterfly, which this operator cannot take");
    }

    /// <summary>Input <paramref name="k"/> as a (channels, height, width) image.</summary>
    public Activation Image(int k)
    {
        var value = Exact(k);
        return value.Shape.Length == 3
            ? value
            : throw Fail($"its input '{Node.Inputs[k]}' has the shape {Batched(value.Shape)}, but Butterfly's image layers take [N, C, H, W]");
    }

    public bool IsConstant(int k) => HasInput(k) && Value(k) is ConstantValue;

    /// <summary>Input <paramref name="k"/> as a constant tensor; <paramref name="role"/> names it in the message when it is not one.</summary>
    public OnnxTensor Constant(int k, string role) => Value(k) is ConstantValue constant
        ? constant.Tensor
        : throw Fail($"its {role} ('{Node.Inputs[k]}') must be a constant (an initializer or a Constant node), but it is computed");

    /// <summary>A constant's float values, after its element type is checked.</summary>
    public float[] Floats(OnnxTensor tensor) => tensor.DataType == TensorDataType.Float && tensor.Floats is { } values
        ? values
        : throw new ImportException(DiagnosticDescriptors.OnnxTypeUnsupported, Describe(tensor), ModelName, TypeName(tensor.DataType));

    /// <summary>A constant's integer values (int64 or int32), such as a Reshape's shape.</summary>
    public long[] Integers(OnnxTensor tensor, string role) => tensor.Integers
        ?? throw Fail($"its {role} ('{tensor.Name}') must hold integers, but it holds {TypeName(tensor.DataType)} values");

    // ----- attributes -----

    public long Int(string name, long fallback) => Node.Attributes.TryGetValue(name, out var a) ? a.I : fallback;

    public float Float(string name, float fallback) => Node.Attributes.TryGetValue(name, out var a) ? a.F : fallback;

    public string Text(string name, string fallback) => Node.Attributes.TryGetValue(name, out var a) ? a.S : fallback;

    public long[]? Ints(string name) => Node.Attributes.TryGetValue(name, out var a) ? a.Ints.ToArray() : null;

    public bool Has(string name) => Node.Attributes.ContainsKey(name);

    /// <summary>Refuses any attribute outside <paramref name="known"/>, naming what the operator supports.</summary>
    public void Known(params string[] known)
    {
        foreach (string name in Node.Attributes.Keys.OrderBy(n => n, System.StringComparer.Ordinal))
        {
            if (!known.Contains(name))
            {
                throw Reject($"the attribute '{name}'", known.Length == 0 ? "no attributes on this operator" : "the attributes " + string.Join(", ", known.Select(n => "'" + n + "'")));
            }
        }
    }

    // ----- errors -----

    /// <summary>BF0074: the node has <paramref name="what"/>, and Butterfly supports <paramref name="supported"/>.</summary>
    public ImportException Reject(string what, string supported) =>
        new(DiagnosticDescriptors.OnnxAttributeUnsupported, Node.DisplayName, Node.OpType, ModelName, what, supported);

    /// <summary>BF0081: the node cannot be compiled, because <paramref name="reason"/>.</summary>
    public ImportException Fail(string reason) =>
        new(DiagnosticDescriptors.OnnxNodeNotLowered, Node.DisplayName, Node.OpType, ModelName, reason);

    // ----- outputs -----

    /// <summary>Binds the node's output <paramref name="k"/> to <paramref name="value"/>.</summary>
    public void Bind(int k, ImportedValue value)
    {
        if (k < Node.Outputs.Count && Node.Outputs[k].Length > 0)
        {
            _values[Node.Outputs[k]] = Exclusive(Node.Outputs[k], value);
        }
    }

    public void Output(ImportedValue value) => Bind(0, value);

    /// <summary>
    /// Adds a layer of <paramref name="kind"/> reading <paramref name="operands"/>, whose ONNX output shape is
    /// <paramref name="shape"/>; its Butterfly shape comes from the kind's own shape rule, so a layer that cannot take
    /// its input is reported at the node.
    /// </summary>
    public Activation AddLayer(string kind, LayerArgument[] arguments, IReadOnlyList<Activation> operands, int[]? shape, params float[][] parameters)
    {
        var layerKind = LayerCatalog.Get(kind);
        var spec = new LayerSpec(kind, arguments.ToEquatableArray());
        foreach (var error in layerKind.CheckArguments(spec))
        {
            throw Rejected(spec, error.Descriptor, error.Arguments);
        }

        spec = layerKind.Resolve(spec);
        var inputs = operands.Select(o => new Shape(o.LayerShape.ToEquatableArray())).ToList();
        var result = layerKind.InferShape(inputs, operands.Select(o => o.Producer < 0 ? "the input" : "'" + Layers[o.Producer].Tensor + "'").ToList(), spec);
        if (result.Output is not { } output)
        {
            throw result.Error is { } error
                ? Rejected(spec, error.Descriptor, error.Arguments)
                : Rejected(spec, DiagnosticDescriptors.ImpossibleShape, spec.ToString(), inputs[0].ToString(), result.Problem ?? "");
        }

        var expected = layerKind.Parameters(inputs[0], output, spec).Select(p => p.Length).ToList();
        if (!expected.SequenceEqual(parameters.Select(p => (long)p.Length)))
        {
            throw Fail($"Butterfly's [{spec.Declaration()}] holds parameter tensors of {string.Join(", ", expected)} floats, but the node gives {string.Join(", ", parameters.Select(p => p.Length))}");
        }

        Layers.Add(new ImportedLayer(layerKind, spec, operands.Select(o => o.Producer).ToArray(), parameters.ToList(), Node.DisplayName, Node.Outputs.FirstOrDefault() ?? ""));
        int[] layerShape = output.Dimensions.AsSpan().ToArray();
        return new Activation(Layers.Count - 1, shape ?? layerShape, layerShape) { Exclusive = true };
    }

    /// <summary>
    /// The layer that computed <paramref name="value"/>, when it is one of <paramref name="kinds"/> and the node being
    /// lowered is its only reader, so that the node can fold into it (a bias into a Gemm, a BatchNormalization into a Conv).
    /// </summary>
    public ImportedLayer? FoldTarget(Activation value, params string[] kinds) =>
        value.Exclusive && value.Producer >= 0 && value.Permutation is null && value.ColumnOrder is null && kinds.Contains(Layers[value.Producer].Kind.Name)
            ? Layers[value.Producer]
            : null;

    // ----- text -----

    /// <summary>A float attribute as a layer argument: its shortest round-trip text as a number, as the parser reads <c>0.01f</c>.</summary>
    public static double Number(float value) =>
        double.Parse(value.ToString("R", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    public static string Format(IEnumerable<int> shape) => "(" + string.Join(", ", shape) + ")";

    public static string Batched(IEnumerable<int> shape) => "[N, " + string.Join(", ", shape) + "]";

    public static string Describe(OnnxTensor tensor) => "tensor '" + tensor.Name + "'";

    public static string TypeName(int dataType) => dataType switch
    {
        TensorDataType.Float => "float32",
        TensorDataType.UInt8 => "uint8",
        TensorDataType.Int8 => "int8",
        TensorDataType.Int32 => "int32",
        TensorDataType.Int64 => "int64",
        TensorDataType.Bool => "bool",
        TensorDataType.Float16 => "float16",
        TensorDataType.Double => "float64",
        0 => "untyped",
        _ => "type-" + dataType.ToString(CultureInfo.InvariantCulture),
    };

    private ImportException Rejected(LayerSpec spec, Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor, params object[] arguments) =>
        new(DiagnosticDescriptors.OnnxLayerRejected, Node.DisplayName, Node.OpType, ModelName, spec.Declaration(),
            string.Format(CultureInfo.InvariantCulture, descriptor.MessageFormat.ToString(CultureInfo.InvariantCulture), arguments));

    /// <summary>
    /// The value as bound to tensor <paramref name="name"/>: exclusive when that tensor has one reader and the value was
    /// exclusive where it came from (a layer's fresh output is).
    /// </summary>
    private ImportedValue Exclusive(string name, ImportedValue value)
    {
        if (value is not Activation activation)
        {
            return value;
        }

        _readers.TryGetValue(name, out int readers);
        return activation.With(activation.Shape, activation.LayerShape, exclusive: readers == 1 && activation.Exclusive);
    }
}
