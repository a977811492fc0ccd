using System;
using System.Collections.Generic;
using Butterfly.Kernels;

namespace Butterfly;

/// <summary>
/// Post-training quantization of a trained network's dense layers to int8. Weights are quantized symmetrically per
/// output unit, <c>s_j = max_i |w_ji| / 127</c>, <c>W_ji = round(w_ji / s_j)</c>; each dense layer's input is quantized
/// to uint8 with a step and zero point calibrated on sample inputs, so that the observed range
/// <c>[min(0, lo), max(0, hi)]</c> maps onto [0, 255] with 0 exactly representable.
/// </summary>
public static class Quantizer
{
    /// <summary>Quantizes <paramref name="network"/>, calibrating activations on <paramref name="calibration"/>.</summary>
    /// <param name="network">A trained network of dense layers and activations.</param>
    /// <param name="calibration">Sample inputs, <c>InputLength</c> floats each: a few hundred training samples suffice.</param>
    /// <exception cref="NotSupportedException">The network has a layer int8 does not support.</exception>
    public static QuantizedNetwork Quantize(INetwork network, ReadOnlySpan<float> calibration)
    {
        ArgumentNullException.ThrowIfNull(network);
        var layers = LayerSequence.Of(network.Structure);
        if (calibration.Length == 0 || calibration.Length % layers.InputLength != 0)
        {
            throw new ArgumentException($"calibration must hold whole samples of {layers.InputLength} floats (got {calibration.Length}).", nameof(calibration));
        }

        var dense = DenseTensors(network, layers);
        var ranges = CalibrateInputRanges(layers, dense, calibration);
        var quantized = new QuantizedDense[dense.Count];
        for (int i = 0; i < dense.Count; i++)
        {
            var (weights, bias, units, inputs) = dense[i];
            quantized[i] = QuantizeDense(weights, bias, units, inputs, ranges[i].Min, ranges[i].Max);
        }

        return new QuantizedNetwork(network.Signature, layers, quantized);
    }

    private static List<(float[] Weights, float[] Bias, int Units, int Inputs)> DenseTensors(INetwork network, LayerSequence layers)
    {
        var blocks = network.ParameterBlocks;
        var parameters = network.Parameters;
        var dense = new List<(float[], float[], int, int)>();
        int inputs = layers.InputLength;
        foreach (var (kind, units, firstBlock) in layers.Layers)
        {
            if (kind != "Dense")
            {
                continue;
            }

            // A dense layer's tensors: its weights [units × inputs], then its bias [units].
            var weights = blocks[firstBlock];
            var bias = blocks[firstBlock + 1];
            if (weights.Length != units * inputs || bias.Length != units)
            {
                throw new NotSupportedException($"Parameter blocks {weights.Name} and {bias.Name} do not fit a dense layer of {units} units on {inputs} inputs.");
            }

            dense.Add((parameters.Slice(weights.Offset, weights.Length).ToArray(), parameters.Slice(bias.Offset, bias.Length).ToArray(), units, inputs));
            inputs = units;
        }

        return dense;
    }

    private static (float Min, float Max)[] CalibrateInputRanges(
        LayerSequence layers,
        List<(float[] Weights, float[] Bias, int Units, int Inputs)> dense,
        ReadOnlySpan<float> calibration)
    {
        var ranges = new (float Min, float Max)[dense.Count];
        Array.Fill(ranges, (0f, 0f));
        int width = layers.MaxWidth;
        float[] first = new float[width], second = new float[width], output = new float[width];
        int outputLength = LastWidth(layers);
        for (int at = 0; at < calibration.Length; at += layers.InputLength)
        {
            layers.Forward(calibration.Slice(at, layers.InputLength), output.AsSpan(0, outputLength), first, second, (index, x, y) =>
            {
                var (weights, bias, units, inputs) = dense[index];
                foreach (float value in x[..inputs])
                {
                    ranges[index] = (Math.Min(ranges[index].Min, value), Math.Max(ranges[index].Max, value));
                }

                Gemv.MultiplyAddBias(weights, x, bias, y, units, inputs);
            });
        }

        return ranges;
    }

    private static int LastWidth(LayerSequence layers)
    {
        int width = layers.InputLength;
        foreach (var (kind, units, _) in layers.Layers)
        {
            width = kind == "Dense" ? units : width;
        }

        return width;
    }

    private static QuantizedDense QuantizeDense(float[] weights, float[] bias, int units, int inputs, float min, float max)
    {
        // Step and zero point: x ≈ s_x (q - z), q in [0, 255].
        float inputScale = max > min ? (max - min) / 255f : 1f;
        int zeroPoint = (int)Math.Clamp(MathF.Round(-min / inputScale), 0f, 255f);
        var quantized = new sbyte[units * inputs];
        var scales = new float[units];
        var foldedBias = new float[units];
        for (int j = 0; j < units; j++)
        {
            var row = weights.AsSpan(j * inputs, inputs);
            float largest = 0f;
            foreach (float w in row)
            {
                largest = Math.Max(largest, Math.Abs(w));
            }

            float step = largest > 0f ? largest / 127f : 1f;
            int rowSum = 0;
            for (int i = 0; i < inputs; i++)
            {
                int q = (int)Math.Clamp(MathF.Round(row[i] / step), -127f, 127f);
                quantized[j * inputs + i] = (sbyte)q;
                rowSum += q;
            }

            scales[j] = inputScale * step;
            foldedBias[j] = bias[j] - scales[j] * zeroPoint * rowSum;
        }

        return new QuantizedDense(units, inputs, inputScale, zeroPoint, scales, foldedBias, quantized);
    }
}
