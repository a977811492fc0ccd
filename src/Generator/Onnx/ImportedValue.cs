namespace Butterfly.Generator.Onnx;

/// <summary>
/// A tensor of the ONNX graph as the importer lowers it: a constant (an initializer or a <c>Constant</c> node's value),
/// or an activation that a Butterfly layer (or the network's input) computes.
/// </summary>
internal abstract class ImportedValue;

/// <summary>A constant tensor, read from the file.</summary>
internal sealed class ConstantValue(OnnxTensor tensor) : ImportedValue
{
    public OnnxTensor Tensor { get; } = tensor;
}

/// <summary>
/// One sample's activation: the output of layer <see cref="Producer"/> (-1: the network's input). <see cref="Shape"/> is
/// its ONNX shape without the batch axis; <see cref="LayerShape"/> is the Butterfly shape of the same floats, which can
/// differ in form (a global average pool gives ONNX's (C, 1, 1) as Butterfly's (C); an ONNX Flatten that a Dense reads
/// needs no layer), never in order, except where <see cref="ColumnOrder"/> or <see cref="Permutation"/> says so.
/// </summary>
internal sealed class Activation(int producer, int[] shape, int[] layerShape) : ImportedValue
{
    public int Producer { get; } = producer;

    public int[] Shape { get; } = shape;

    public int[] LayerShape { get; } = layerShape;

    /// <summary>
    /// For a transposed tensor not yet materialized (tf2onnx's NHWC to NCHW before a flatten): ONNX axis <c>a</c> is axis
    /// <c>Permutation[a]</c> of the stored layout <see cref="LayerShape"/>.
    /// </summary>
    public int[]? Permutation { get; init; }

    /// <summary>
    /// For a flattened transposed tensor: logical element <c>i</c> is stored at <c>ColumnOrder[i]</c>, which a following
    /// dense layer absorbs by reordering its weight columns.
    /// </summary>
    public int[]? ColumnOrder { get; init; }

    /// <summary>Whether the node about to read this value is its only reader, so folding into its producer is safe.</summary>
    public bool Exclusive { get; init; }

    /// <summary>The same floats seen with another ONNX shape (or stored layout), keeping what else is known about them.</summary>
    public Activation With(int[] shape, int[] layerShape, int[]? permutation = null, int[]? columnOrder = null, bool? exclusive = null) =>
        new(Producer, shape, layerShape)
        {
            Permutation = permutation ?? (shape == Shape ? Permutation : null),
            ColumnOrder = columnOrder ?? (shape == Shape ? ColumnOrder : null),
            Exclusive = exclusive ?? Exclusive,
        };

    public long Length => System.Linq.Enumerable.Aggregate(Shape, 1L, (product, d) => product * d);
}
