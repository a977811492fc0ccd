using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.CompilerServices;

namespace Butterfly.Onnx.Tests;

/// <summary>
/// Export, then import: each declared network of <see cref="RoundTripSources"/>, written by <see cref="OnnxExport"/> to
/// Models/roundtrip-*.onnx and compiled back by <c>[Network(Onnx = ...)]</c>, predicts what the original predicts, within
/// 1e-5 on seeded random inputs. The committed files are what the export writes today (BUTTERFLY_ACCEPT_MODELS=1 writes
/// them again; then build again, for the generator to import them).
/// </summary>
public sealed class RoundTripTests
{
    private const float Tolerance = 1e-5f;
    private const int Samples = 16;

    private static readonly IReadOnlyDictionary<string, Func<INetwork>> Sources = new Dictionary<string, Func<INetwork>>
    {
        ["roundtrip-mlp.onnx"] = RoundTripSources.Mlp,
        ["roundtrip-cnn.onnx"] = RoundTripSources.Cnn,
        ["roundtrip-residual.onnx"] = RoundTripSources.Residual,
        ["roundtrip-logsoftmax.onnx"] = RoundTripSources.LogSoftmax,
        ["roundtrip-conv-geometry.onnx"] = RoundTripSources.ConvGeometry,
    };

    [Fact]
    public void Committed_round_trip_models_are_what_OnnxExport_writes()
    {
        bool accept = Environment.GetEnvironmentVariable("BUTTERFLY_ACCEPT_MODELS") == "1";
        foreach (var (name, source) in Sources)
        {
            string path = Path.Combine(ModelsDirectory(), name);
            byte[] exported = OnnxExport.Encode(source());
            if (accept)
            {
                File.WriteAllBytes(path, exported);
            }

            Assert.True(File.Exists(path), $"{name} is missing: run with BUTTERFLY_ACCEPT_MODELS=1");
            Assert.True(File.ReadAllBytes(path).AsSpan().SequenceEqual(exported), $"{name} differs from what OnnxExport writes: run with BUTTERFLY_ACCEPT_MODELS=1");
        }
    }

    [Fact]
    public void Mlp_predicts_as_before_the_round_trip() => AssertSamePredictions(RoundTripSources.Mlp(), new RoundTripMlp(), RoundTripMlp.PredictEmbedded);

    [Fact]
    public void Cnn_predicts_as_before_the_round_trip() => AssertSamePredictions(RoundTripSources.Cnn(), new RoundTripCnn(), RoundTripCnn.PredictEmbedded);

    [Fact]
    public void Residual_graph_predicts_as_before_the_round_trip() =>
        AssertSamePredictions(RoundTripSources.Residual(), new RoundTripResidual(), RoundTripResidual.PredictEmbedded);

    [Fact]
    public void Log_softmax_over_an_image_predicts_as_before_the_round_trip() =>
        AssertSamePredictions(RoundTripSources.LogSoftmax(), new RoundTripLogSoftmax(), RoundTripLogSoftmax.PredictEmbedded);

    [Fact]
    public void Rectangular_strided_asymmetric_convolutions_predict_as_before_the_round_trip() =>
        AssertSamePredictions(RoundTripSources.ConvGeometry(), new RoundTripConvGeometry(), RoundTripConvGeometry.PredictEmbedded);

    [Fact]
    public void A_stack_comes_back_with_the_same_signature()
    {
        Assert.Equal(RoundTripMlpSource.Signature, RoundTripMlp.Signature);
        Assert.Equal(RoundTripConvGeometrySource.Signature, RoundTripConvGeometry.Signature);
    }

    private delegate void Embedded(ReadOnlySpan<float> input, Span<float> output);

    /// <summary>The original's Predict against the imported instance's Predict and its PredictEmbedded.</summary>
    private static void AssertSamePredictions(INetwork original, INetwork imported, Embedded embedded)
    {
        Assert.Equal(original.InputLength, imported.InputLength);
        Assert.Equal(original.OutputLength, imported.OutputLength);
        var random = new Random(13);
        var input = new float[original.InputLength];
        float[] expected = new float[original.OutputLength], actual = new float[original.OutputLength], fromEmbedded = new float[original.OutputLength];
        float largest = 0f;
        for (int n = 0; n < Samples; n++)
        {
            for (int i = 0; i < input.Length; i++)
            {
                input[i] = (float)((random.NextDouble() * 4) - 2);
            }

            original.Predict(input, expected);
            imported.Predict(input, actual);
            embedded(input, fromEmbedded);
            for (int k = 0; k < expected.Length; k++)
            {
                largest = Math.Max(largest, Math.Max(Math.Abs(expected[k] - actual[k]), Math.Abs(expected[k] - fromEmbedded[k])));
            }
        }

        Assert.True(largest <= Tolerance, $"{imported.GetType().Name}: the imported network differs from the original by up to {largest:G3}.");
    }

    private static string ModelsDirectory([CallerFilePath] string source = "") => Path.Combine(Path.GetDirectoryName(source)!, "Models");
}
