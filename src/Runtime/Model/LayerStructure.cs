using System;
using System.Collections.Generic;
using System.ComponentModel;

namespace Butterfly;

/// <summary>
/// One layer of a compiled network as the generator planned it: its kind and arguments, its shapes, the layers it reads,
/// and its tensors among <see cref="INetwork.ParameterBlocks"/>. Generated networks emit one per layer, in forward order,
/// in their <see cref="NetworkStructure"/>, so the runtime (the quantizer, the ONNX exporter) never parses a signature.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class LayerStructure
{
    private readonly LayerStructureArgument[] _arguments;
    private readonly int[] _inputShape;
    private readonly int[] _outputShape;
    private readonly int[] _sources;

    /// <summary>Describes a layer. Generated networks call this.</summary>
    /// <param name="name">The Keras-style name, such as <c>dense_1</c>; its parameter blocks are named <c>dense_1.*</c>.</param>
    /// <param name="kind">The attribute's name without "Attribute", such as <c>Dense</c>.</param>
    /// <param name="arguments">The attribute's numeric arguments by parameter name.</param>
    /// <param name="inputShape">The shape of one sample of its first operand, channels first.</param>
    /// <param name="outputShape">The shape of one sample of its output.</param>
    /// <param name="sources">The index of the layer each operand reads, in operand order; -1 for the network's input.</param>
    /// <param name="firstBlock">The index in <see cref="INetwork.ParameterBlocks"/> of its first parameter tensor.</param>
    /// <param name="blockCount">How many parameter tensors it has (0 for a layer without parameters).</param>
    /// <param name="declaredName">The name its output was declared with (<c>Name = "stem"</c>), or null.</param>
    public LayerStructure(
        string name, string kind, LayerStructureArgument[] arguments, int[] inputShape, int[] outputShape, int[] sources, int firstBlock, int blockCount, string? declaredName)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(inputShape);
        ArgumentNullException.ThrowIfNull(outputShape);
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentOutOfRangeException.ThrowIfNegative(firstBlock);
        ArgumentOutOfRangeException.ThrowIfNegative(blockCount);
        if (sources.Length == 0)
        {
            throw new ArgumentException("A layer reads at least one operand.", nameof(sources));
        }

        Name = name;
        Kind = kind;
        _arguments = arguments;
        _inputShape = inputShape;
        _outputShape = outputShape;
        _sources = sources;
        FirstBlock = firstBlock;
        BlockCount = blockCount;
        DeclaredName = declaredName;
    }

    /// <summary>The Keras-style name, such as <c>dense_1</c>.</summary>
    public string Name { get; }

    /// <summary>The attribute's name without "Attribute", such as <c>Dense</c>.</summary>
    public string Kind { get; }

    /// <summary>The attribute's numeric arguments by parameter name, in declaration order.</summary>
    public IReadOnlyList<LayerStructureArgument> Arguments => _arguments;

    /// <summary>The shape of one sample of the first operand.</summary>
    public IReadOnlyList<int> InputShape => _inputShape;

    /// <summary>The shape of one sample of the output.</summary>
    public IReadOnlyList<int> OutputShape => _outputShape;

    /// <summary>The layer each operand reads, in operand order: an index into <see cref="NetworkStructure.Layers"/>, or -1 for the input.</summary>
    public IReadOnlyList<int> Sources => _sources;

    /// <summary>The index in <see cref="INetwork.ParameterBlocks"/> of the first of this layer's <see cref="BlockCount"/> tensors.</summary>
    public int FirstBlock { get; }

    /// <summary>How many parameter tensors the layer has.</summary>
    public int BlockCount { get; }

    /// <summary>The name the output was declared with, or null.</summary>
    public string? DeclaredName { get; }

    /// <summary>The argument <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">The layer has no such argument.</exception>
    public double Argument(string name) =>
        TryGetArgument(name, out double value) ? value : throw new KeyNotFoundException($"Layer {Name} ({Kind}) has no argument '{name}'.");

    /// <summary>The argument <paramref name="name"/>, or <paramref name="fallback"/> when the layer was declared without it.</summary>
    public double Argument(string name, double fallback) => TryGetArgument(name, out double value) ? value : fallback;

    /// <summary>Finds the argument <paramref name="name"/>.</summary>
    public bool TryGetArgument(string name, out double value)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (var argument in _arguments)
        {
            if (argument.Name == name)
            {
                value = argument.Value;
                return true;
            }
        }

        value = 0;
        return false;
    }

    /// <summary>As the generated code's header comment shows it: <c>dense_1 (Dense)</c>.</summary>
    public override string ToString() => $"{Name} ({Kind})";
}
