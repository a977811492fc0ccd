using System;
using System.Collections.Generic;
using System.Globalization;
using Butterfly.Kernels;

namespace Butterfly;

/// <summary>Computes one dense layer, <c>y = f(x)</c>, for <see cref="LayerSequence.Forward"/>.</summary>
internal delegate void DenseStep(int denseIndex, ReadOnlySpan<float> x, Span<float> y);

/// <summary>
/// A network's layers read back from its signature (<c>Input(784) Dense(100) Sigmoid Dense(10) Softmax</c>), so that
/// the quantizer can calibrate and check a quantized network without the generated class. Knows the layers that int8
/// supports: dense layers and the element-wise activations and softmax between them.
/// </summary>
internal sealed class LayerSequence
{
    private LayerSequence(int inputLength, List<(string Kind, int Units)> layers)
    {
        InputLength = inputLength;
        Layers = layers;
    }

    public int InputLength { get; }

    /// <summary>Each layer's kind and, for a dense layer, its units (0 otherwise).</summary>
    public IReadOnlyList<(string Kind, int Units)> Layers { get; }

    /// <summary>The widest vector between layers, input included.</summary>
    public int MaxWidth
    {
        get
        {
            int width = InputLength;
            foreach (var (_, units) in Layers)
            {
                width = Math.Max(width, units);
            }

            return width;
        }
    }

    /// <exception cref="NotSupportedException">The signature holds a layer int8 does not support.</exception>
    public static LayerSequence Parse(string signature)
    {
        var tokens = signature.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (tokens.Length < 2 || !tokens[0].StartsWith("Input(", StringComparison.Ordinal) || tokens[0].Contains(','))
        {
            throw new NotSupportedException($"Quantization supports networks with a vector input, not '{signature}'.");
        }

        int inputLength = Argument(tokens[0]);
        var layers = new List<(string, int)>();
        for (int i = 1; i < tokens.Length; i++)
        {
            string token = tokens[i];
            if (token.StartsWith("Dense(", StringComparison.Ordinal))
            {
                layers.Add(("Dense", Argument(token)));
            }
            else if (token is "Sigmoid" or "Tanh" or "ReLU" or "Softmax")
            {
                layers.Add((token, 0));
            }
            else
            {
                throw new NotSupportedException($"Quantization supports Dense, Sigmoid, Tanh, ReLU and Softmax layers, not '{token}'.");
            }
        }

        return new LayerSequence(inputLength, layers);
    }

    /// <summary>Runs one sample forward; <paramref name="dense"/> computes each dense layer, the activations run here.</summary>
    public void Forward(ReadOnlySpan<float> input, Span<float> output, float[] first, float[] second, DenseStep dense)
    {
        ReadOnlySpan<float> x = input;
        int width = InputLength;
        int denseIndex = 0;
        for (int i = 0; i < Layers.Count; i++)
        {
            var (kind, units) = Layers[i];
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
                default:
                    Activations.SoftmaxRows(x, y, 1, width);
                    break;
            }

            x = y;
            width = outWidth;
        }
    }

    private static int Argument(string token)
    {
        int open = token.IndexOf('(');
        return int.Parse(token.AsSpan(open + 1, token.Length - open - 2), NumberStyles.Integer, CultureInfo.InvariantCulture);
    }
}
