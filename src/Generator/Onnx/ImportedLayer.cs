using System.Collections.Generic;
using Butterfly.Generator.Layers;
using Butterfly.Generator.Model;

namespace Butterfly.Generator.Onnx;

/// <summary>
/// A Butterfly layer the importer made from one or more ONNX nodes: its declaration (without the graph's names, given
/// at the end), the layers it reads (-1: the input), its parameters in the order its kind lays them out, and the node
/// it came from, for messages.
/// </summary>
internal sealed class ImportedLayer(LayerKind kind, LayerSpec spec, int[] sources, List<float[]> parameters, string node, string tensor)
{
    public LayerKind Kind { get; } = kind;

    public LayerSpec Spec { get; } = spec;

    public int[] Sources { get; } = sources;

    /// <summary>The parameter tensors, each in the layout the generated code reads; a fold may change their values.</summary>
    public List<float[]> Parameters { get; } = parameters;

    public string Node { get; } = node;

    /// <summary>The ONNX tensor the layer's output stands for, which names it when another layer reads it out of order.</summary>
    public string Tensor { get; } = tensor;
}
