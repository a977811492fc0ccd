using System;
using System.Collections.Generic;
using Butterfly.Kernels;

namespace Butterfly;

/// <summary>Computes one dense layer, <c>y = f(x)</c>, for <see cref="LayerSequence.Forward"/>.</summary>
internal delegate void DenseStep(int denseIndex, ReadOnlySpan<float> x, Span<float> y);

/// <summary>
/// A network's layers as the quantizer runs them, read from the <see cref="NetworkStructure"/> the generator emits, so that
/// the quantizer can calibrate and check a quantized network without the generated class. Knows the layers that int8
/// supports: a stack of dense layers and the element-wise activations and softmax between them, on a vector input.
/// </summary>
internal sealed class LayerSequence
{
    private LayerSequence(int inputLength, List<(string Kind, int Units, int FirstBlock)> layers)
    {
        InputLength = inputLength;
        Layers = layers;
    }

    public int InputLength { get; }

    /// <summary>Each layer's kind and, for a dense layer, its units and its first parameter block (weights, then bias).</summary>
    public IReadOnlyList<(string Kind, int Units, int FirstBlock)> Layers { get; }

    /// <summary>The widest vector between layers, input included.</summary>
    public int MaxWidth
    {
        get
        {
            int width = InputLength;
            foreach (var (_, units, _) in Layers)
            {
                width = Math.Max(width, units);
            }

            return width;
        }
    }

    /// <exception cref="NotSupportedException">The network is not a stack on a vector of floats, or has a layer int8 does not support.</exception>
    public static LayerSequence Of(NetworkStructure structure)
    {
        if (structure.TakesTokens || structure.InputShape.Count != 1)
        {
            string shape = "(" + string.Join(", ", structure.InputShape) + ")" + (structure.TakesTokens ? " of token ids" : "");
            throw new NotSupportedException($"Quantization supports networks with an input vector of floats, not an input {shape}.");
        }

        if (!structure.IsStack)
        {
            throw new NotSupportedException("Quantization supports stacks of layers, not graphs with branches or merges.");
        }

        var layers = new List<(string, int, int)>();
        foreach (var layer in structure.Layers)
        {
            switch (layer.Kind)
            {
                case "Dense":
                    layers.Add((layer.Kind, layer.OutputShape[0], layer.FirstBlock));
                    break;
                case "Sigmoid" or "Tanh" or "ReLU" or "Softmax" or "LogSoftmax":
                    layers.Add((layer.Kind, 0, 0));
                    break;
                default:
                    throw new NotSupportedException($"Quantization supports Dense, Sigmoid, Tanh, ReLU, Softmax and LogSoftmax layers, not {layer.Name} ({layer.Kind}).");
            }
        }

        return new LayerSequence(structure.InputShape[0], layers);
    }

    /// <summary>Runs one sample forward; <paramref name="dense"/> computes each dense layer, the activations run here.</summary>
    public void Forward(ReadOnlySpan<float> input, Span<float> output, float[] first, float[] second, DenseStep dense)
    {
        ReadOnlySpan<float> x = input;
        int width = InputLength;
        int denseIndex = 0;
        for (int i = 0; i < Layers.Count; i++)
        {
            var (kind, units, _) = Layers[i];
            int outWidth = kind == "Dense" ? units : width;
            Span<float> y = i == Layers.Count - 1 ? output : (x == first.AsSpan(0, width) ? second : first).AsSpan(0, outWidth);
            switch (kind)
            {
                case "Dense":
                    dense(denseIndex++, x, y);
                    break;
                case "Sigmoid":
                    Activations.Sigmoid(x, y);
                    break;
                case "Tanh":
                    Activations.Tanh(x, y);
                    break;
                case "ReLU":
                    Activations.ReLU(x, y);
                    break;
                case "LogSoftmax":
                    Activations.LogSoftmax(x, y);
                    break;
                default:
                    Activations.SoftmaxRows(x, y, 1, width);
                    break;
            }

            x = y;
            width = outWidth;
        }
    }
}
