using System;
using System.Collections.Generic;
using System.ComponentModel;

namespace Butterfly;

/// <summary>
/// A compiled network's structure as data, which the generator emits for every network: the input and every layer
/// (<see cref="LayerStructure"/>) with its kind, arguments, shapes, operands and parameter tensors. What the runtime needs to
/// know about a network's layers (to quantize it, to export it to ONNX) it reads here, never from the signature string.
/// Reach it through <see cref="INetwork.Structure"/>.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class NetworkStructure
{
    private readonly int[] _inputShape;
    private readonly LayerStructure[] _layers;

    /// <summary>Describes a network. Generated networks call this.</summary>
    /// <param name="inputShape">The shape of one input sample, channels first.</param>
    /// <param name="vocabulary">For an input of token ids, the vocabulary; 0 for an input of floats.</param>
    /// <param name="inputName">The name the input was declared with, or null.</param>
    /// <param name="layers">Every layer, in forward order; the last is the output.</param>
    public NetworkStructure(int[] inputShape, int vocabulary, string? inputName, LayerStructure[] layers)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        ArgumentOutOfRangeException.ThrowIfNegative(vocabulary);
        ArgumentNullException.ThrowIfNull(layers);
        if (layers.Length == 0)
        {
            throw new ArgumentException("A network has at least one layer.", nameof(layers));
        }

        _inputShape = inputShape;
        Vocabulary = vocabulary;
        InputName = inputName;
        _layers = layers;
    }

    /// <summary>The shape of one input sample.</summary>
    public IReadOnlyList<int> InputShape => _inputShape;

    /// <summary>For an input of token ids, the vocabulary; 0 for floats.</summary>
    public int Vocabulary { get; }

    /// <summary>Whether the input is token ids rather than floats.</summary>
    public bool TakesTokens => Vocabulary > 0;

    /// <summary>The name the input was declared with, or null.</summary>
    public string? InputName { get; }

    /// <summary>Every layer, in forward order; the last is the output.</summary>
    public IReadOnlyList<LayerStructure> Layers => _layers;

    /// <summary>The output layer.</summary>
    public LayerStructure Output => _layers[^1];

    /// <summary>Whether every layer reads exactly the one before it (the first, the input): a plain stack.</summary>
    public bool IsStack
    {
        get
        {
            for (int i = 0; i < _layers.Length; i++)
            {
                if (_layers[i].Sources.Count != 1 || _layers[i].Sources[0] != i - 1)
                {
                    return false;
                }
            }

            return true;
        }
    }
}
