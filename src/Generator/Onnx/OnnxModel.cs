using System.Collections.Generic;
using System.Linq;

namespace Butterfly.Generator.Onnx;

/// <summary>
/// The parts of an ONNX <c>ModelProto</c> the importer reads: the operator set versions and the main graph. Built once
/// per model text by <see cref="OnnxModelReader"/>; never stored in a pipeline model (it is not value-equal).
/// </summary>
internal sealed class OnnxModel(long irVersion, IReadOnlyDictionary<string, long> opsets, OnnxGraph graph)
{
    public long IrVersion { get; } = irVersion;

    /// <summary>Operator set version by domain (<c>""</c> is the default domain, <c>ai.onnx</c>).</summary>
    public IReadOnlyDictionary<string, long> Opsets { get; } = opsets;

    public OnnxGraph Graph { get; } = graph;

    /// <summary>The default domain's operator set: the version whose operator definitions the nodes follow.</summary>
    public long Opset => Opsets.TryGetValue("", out long version) || Opsets.TryGetValue("ai.onnx", out version) ? version : 0;
}

/// <summary>A <c>GraphProto</c>: nodes in topological order, constant tensors, and the graph's inputs and outputs.</summary>
internal sealed class OnnxGraph
{
    public List<OnnxNode> Nodes { get; } = [];

    public List<OnnxTensor> Initializers { get; } = [];

    public List<OnnxValueInfo> Inputs { get; } = [];

    public List<OnnxValueInfo> Outputs { get; } = [];

    /// <summary>Sparse initializers, which the importer refuses by name.</summary>
    public List<string> SparseInitializers { get; } = [];

    /// <summary>The inputs that are not initializers (before IR version 4, every initializer was also listed as an input).</summary>
    public IEnumerable<OnnxValueInfo> RealInputs
    {
        get
        {
            var constants = new HashSet<string>(Initializers.Select(i => i.Name));
            return Inputs.Where(i => !constants.Contains(i.Name));
        }
    }
}

/// <summary>A <c>NodeProto</c>: one operator application.</summary>
internal sealed class OnnxNode
{
    public string Name { get; set; } = "";

    public string OpType { get; set; } = "";

    public string Domain { get; set; } = "";

    /// <summary>Input tensor names; an empty name is an optional input left out.</summary>
    public List<string> Inputs { get; } = [];

    public List<string> Outputs { get; } = [];

    public Dictionary<string, OnnxAttribute> Attributes { get; } = [];

    /// <summary>The name messages show: the node's own, else its first output's.</summary>
    public string DisplayName => Name.Length > 0 ? Name : Outputs.Count > 0 ? Outputs[0] : "(unnamed)";
}

/// <summary>An <c>AttributeProto</c>, with whichever value fields the file set.</summary>
internal sealed class OnnxAttribute
{
    public string Name { get; set; } = "";

    /// <summary>The declared <c>AttributeType</c>; 0 in old files that leave it out.</summary>
    public int Type { get; set; }

    public float F { get; set; }

    public long I { get; set; }

    public string S { get; set; } = "";

    public OnnxTensor? T { get; set; }

    public List<float> Floats { get; } = [];

    public List<long> Ints { get; } = [];
}

/// <summary>
/// A <c>TensorProto</c>: its shape, element type and values. Float tensors keep their values as floats, integer tensors
/// as longs; other element types keep none, so the importer can name the type it refuses.
/// </summary>
internal sealed class OnnxTensor
{
    public string Name { get; set; } = "";

    public List<long> Dims { get; } = [];

    public int DataType { get; set; }

    public float[]? Floats { get; set; }

    public long[]? Integers { get; set; }

    /// <summary>Whether the values live in an external file, which a build cannot see.</summary>
    public bool External { get; set; }

    /// <summary>How many values the file holds (whatever the element type).</summary>
    public long StoredCount { get; set; }

    /// <summary>How many values the dimensions call for, saturating at <see cref="long.MaxValue"/>.</summary>
    public long ElementCount => Dims.Aggregate(1L, (product, d) => d < 0 ? -1 : product < 0 ? product : d > 0 && product > long.MaxValue / d ? long.MaxValue : product * d);

    public string ShapeText => "[" + string.Join(", ", Dims) + "]";
}

/// <summary>A <c>ValueInfoProto</c>: a graph input's or output's element type and shape.</summary>
internal sealed class OnnxValueInfo
{
    public string Name { get; set; } = "";

    public int ElementType { get; set; }

    /// <summary>The dimensions, or null when the file gives no shape.</summary>
    public List<OnnxDimension>? Shape { get; set; }
}

/// <summary>One dimension of a value's shape: a size, a symbolic name (<c>batch</c>), or neither.</summary>
internal readonly record struct OnnxDimension(long? Value, string? Parameter)
{
    public override string ToString() => Value is { } value ? value.ToString(System.Globalization.CultureInfo.InvariantCulture) : Parameter is { Length: > 0 } p ? "'" + p + "'" : "?";
}
