using System;
using System.Collections.Generic;
using Butterfly.Kernels;

namespace Butterfly;

/// <summary>
/// A network's dense layers in int8, from <see cref="Quantizer.Quantize"/>: what a <c>.bfq</c> file holds and what
/// <c>[Network(Weights = ..., Precision = Precision.Int8)]</c> embeds. <see cref="Predict"/> computes what the
/// embedded int8 code computes, with the same kernels.
/// </summary>
public sealed class QuantizedNetwork
{
    private readonly LayerSequence _layers;
    private readonly QuantizedDense[] _dense;

    internal QuantizedNetwork(string signature, LayerSequence layers, QuantizedDense[] dense)
    {
        Signature = signature;
        _layers = layers;
        _dense = dense;
    }

    /// <summary>The signature of the network it was quantized from.</summary>
    public string Signature { get; }

    /// <summary>The dense layers, in order.</summary>
    public IReadOnlyList<QuantizedDense> Dense => _dense;

    /// <summary>
    /// One sample forward in int8 (dense layers) and float (activations). Allocates its scratch; it is meant for
    /// checking a quantized network, not for serving it (the embedded code does that).
    /// </summary>
    public void Predict(ReadOnlySpan<float> input, Span<float> output)
    {
        Arguments.HasLength(input, _layers.InputLength, nameof(input));
        int width = _layers.MaxWidth;
        var quantized = new byte[width];
        _layers.Forward(input, output, new float[width], new float[width], (index, x, y) =>
        {
            var layer = _dense[index];
            Int8Gemv.MultiplyAddBias(layer.Weights, x, layer.InputScale, layer.InputZeroPoint, layer.Scales, layer.Bias, quantized, y, layer.Units, layer.Inputs);
        });
    }
}
