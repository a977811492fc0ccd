using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;

namespace Butterfly.Onnx.Tests;

/// <summary>
/// Int8 embedding of imported models, requested as a declared network requests it (<c>Weights</c> of a file the quantizer
/// wrote, <c>Precision = Precision.Int8</c>): the int8 <c>PredictEmbedded</c> gives <see cref="QuantizedNetwork.Predict"/>'s
/// outputs bit for bit, stays close to the float32 import (and so to ONNX Runtime), picks the same class, and allocates
/// nothing. The committed .bfq.b64 files are what the quantizer writes today from the float32 imports, calibrated on
/// seeded random inputs (BUTTERFLY_ACCEPT_MODELS=1 writes them again; then build again).
/// </summary>
public sealed class QuantizedImportTests
{
    private const int CalibrationSamples = 256;
    private const int Samples = 500;

    private delegate void Embedded(ReadOnlySpan<float> input, Span<float> output);

    private static readonly IReadOnlyDictionary<string, Func<INetwork>> Sources = new Dictionary<string, Func<INetwork>>
    {
        ["mlp.bfq.b64"] = () => new ImportedMlp(),
        ["logsoftmax-mlp.bfq.b64"] = () => new ImportedLogSoftmaxMlp(),
    };

    [Fact]
    public void Committed_quantized_weights_are_what_the_quantizer_writes()
    {
        bool accept = Environment.GetEnvironmentVariable("BUTTERFLY_ACCEPT_MODELS") == "1";
        foreach (var (name, source) in Sources)
        {
            string path = Path.Combine(ModelsDirectory(), name);
            string text = EmbeddedWeights.ToText(Quantize(source()));
            if (accept)
            {
                File.WriteAllText(path, text);
            }

            Assert.True(File.Exists(path), $"{name} is missing: run with BUTTERFLY_ACCEPT_MODELS=1");
            Assert.True(File.ReadAllText(path) == text, $"{name} differs from what the quantizer writes: run with BUTTERFLY_ACCEPT_MODELS=1");
        }
    }

    // Measured on 500 inputs: the Gemm MLP's probabilities within 0.0035 of float32's, the same class for 496; the
    // log-softmax MLP's (larger logits, 16 hidden units) within 0.029, the same class for 497.
    [Fact]
    public void Int8_gemm_mlp_equals_the_quantized_network_and_stays_close_to_float32() =>
        AssertInt8(new ImportedMlp(), ImportedMlpInt8.PredictEmbedded, ImportedMlpInt8.EmbeddedWeightBytes, ImportedMlp.EmbeddedWeightBytes, p => p, maxDifference: 0.01f);

    [Fact]
    public void Int8_log_softmax_mlp_equals_the_quantized_network_and_stays_close_to_float32() =>
        AssertInt8(new ImportedLogSoftmaxMlp(), ImportedLogSoftmaxMlpInt8.PredictEmbedded, ImportedLogSoftmaxMlpInt8.EmbeddedWeightBytes, ImportedLogSoftmaxMlp.EmbeddedWeightBytes, MathF.Exp, maxDifference: 0.05f);

    [Fact]
    public void Int8_classes_carry_the_imported_layers_and_no_float32_weights()
    {
        Assert.Equal(ImportedMlp.Signature, ImportedMlpInt8.Signature);
        Assert.Equal(ImportedLogSoftmaxMlp.Signature, ImportedLogSoftmaxMlpInt8.Signature);

        // The model gives the layers only: the constructor starts from a seed, as a declared network's does.
        Assert.NotEqual(new ImportedMlp().Parameters.ToArray(), new ImportedMlpInt8().Parameters.ToArray());
    }

    [Fact]
    public void Int8_embedded_predict_allocates_nothing()
    {
        var input = new float[12];
        var output = new float[5];
        input.AsSpan().Fill(0.25f);
        ImportedMlpInt8.PredictEmbedded(input, output.AsSpan(0, 4));
        ImportedLogSoftmaxMlpInt8.PredictEmbedded(input, output);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            ImportedMlpInt8.PredictEmbedded(input, output.AsSpan(0, 4));
            ImportedLogSoftmaxMlpInt8.PredictEmbedded(input, output);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    /// <summary>
    /// Int8 against the quantized network (bit for bit) and the float32 import: the largest difference of the probabilities
    /// (<paramref name="toProbability"/> of an output) and how often the most likely class is the same.
    /// </summary>
    private static void AssertInt8(INetwork network, Embedded int8, int int8Bytes, int float32Bytes, Func<float, float> toProbability, float maxDifference)
    {
        var quantized = Quantize(network);
        var inputs = RandomInputs(network.InputLength, Samples, seed: 12);
        var want = new float[network.OutputLength];
        var got = new float[network.OutputLength];
        var reference = new float[network.OutputLength];
        float largest = 0;
        int sameClass = 0;
        for (int s = 0; s < Samples; s++)
        {
            var sample = inputs.AsSpan(s * network.InputLength, network.InputLength);
            quantized.Predict(sample, want);
            int8(sample, got);
            Assert.True(want.AsSpan().SequenceEqual(got), $"Sample {s}: PredictEmbedded differs from QuantizedNetwork.Predict.");
            network.Predict(sample, reference);
            for (int j = 0; j < got.Length; j++)
            {
                largest = Math.Max(largest, Math.Abs(toProbability(got[j]) - toProbability(reference[j])));
            }

            sameClass += Array.IndexOf(got, got.Max()) == Array.IndexOf(reference, reference.Max()) ? 1 : 0;
        }

        Assert.True(largest <= maxDifference, $"int8 differs from float32 by up to {largest}; same class {sameClass} of {Samples}.");
        Assert.True(sameClass >= 0.97 * Samples, $"int8 picks float32's class for {sameClass} of {Samples} inputs.");
        Assert.True(int8Bytes < float32Bytes, $"int8 embeds {int8Bytes} bytes, float32 {float32Bytes}.");
    }

    private static QuantizedNetwork Quantize(INetwork network) =>
        Quantizer.Quantize(network, RandomInputs(network.InputLength, CalibrationSamples, seed: 21));

    /// <summary>Uniform in [-2, 2], as the ONNX Runtime agreement tests draw them.</summary>
    private static float[] RandomInputs(int length, int count, int seed)
    {
        var random = new Random(seed);
        var inputs = new float[length * count];
        for (int i = 0; i < inputs.Length; i++)
        {
            inputs[i] = (float)((random.NextDouble() * 4) - 2);
        }

        return inputs;
    }

    private static string ModelsDirectory([CallerFilePath] string source = "") => Path.Combine(Path.GetDirectoryName(source)!, "Models");
}
