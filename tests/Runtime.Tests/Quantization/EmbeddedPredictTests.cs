using System;
using System.IO;
using Butterfly.Data;
using Butterfly.Runtime.Tests.Networks;
using Butterfly.Tests;

namespace Butterfly.Runtime.Tests.Quantization;

/// <summary>
/// The EmbeddedInference sample's model, embedded by the generator, against the same weights in-process: float32 gives
/// the instance's Predict bit for bit, int8 gives <see cref="QuantizedNetwork.Predict"/> bit for bit and stays within
/// half a point of float32's accuracy, and neither allocates.
/// </summary>
[Collection(AllocationCounting.Name)]
public sealed class EmbeddedPredictTests
{
    private static readonly string ModelFolder = Path.Combine(RepositoryPaths.Root, "samples", "EmbeddedInference", "Model");

    private static readonly Lazy<Dataset> Test = new(() => Mnist.LoadTest(RepositoryPaths.MnistDirectory));

    [Fact]
    public void Float32_embedded_predict_equals_the_instance_bit_for_bit()
    {
        AssertSameOutputs(TrainedNetwork().Predict, EmbeddedMnistFloat32.PredictEmbedded);
    }

    [Fact]
    public void Export_is_reproducible_and_int8_embedded_predict_equals_the_quantized_network()
    {
        var quantized = Quantizer.Quantize(TrainedNetwork(), Mnist.LoadTraining(RepositoryPaths.MnistDirectory).Features[..(1000 * 784)]);
        Assert.Equal(Convert.FromBase64String(File.ReadAllText(Path.Combine(ModelFolder, "mnist-mlp.bfq.b64"))), QuantizedWeightsFile.Encode(quantized));
        AssertSameOutputs(quantized.Predict, EmbeddedMnistInt8.PredictEmbedded);
    }

    [Fact]
    public void Int8_accuracy_is_within_half_a_point_of_float32()
    {
        double float32 = Accuracy(EmbeddedMnistFloat32.PredictEmbedded);
        double int8 = Accuracy(EmbeddedMnistInt8.PredictEmbedded);
        Assert.True(float32 >= 97.5, $"float32 accuracy {float32:F2}%");
        Assert.True(Math.Abs(float32 - int8) <= 0.5, $"float32 {float32:F2}%, int8 {int8:F2}%");
        Assert.True(EmbeddedMnistFloat32.EmbeddedWeightBytes > 3.9 * EmbeddedMnistInt8.EmbeddedWeightBytes);
    }

    [Fact]
    public void Embedded_predict_allocates_nothing()
    {
        var input = new float[784];
        var output = new float[10];
        input.AsSpan().Fill(0.5f);
        Allocations.AssertNone(
            () =>
            {
                EmbeddedMnistFloat32.PredictEmbedded(input, output);
                EmbeddedMnistInt8.PredictEmbedded(input, output);
            },
            calls: 100);
    }

    [Fact]
    public void Quantizer_refuses_layers_int8_does_not_support()
    {
        Assert.Contains("not an input (1, 6, 6)", Refusal(new ConvPoolNet()));
        Assert.Contains("of token ids", Refusal(new TinySoftmaxLanguageNet()));
        Assert.Contains("not graphs", Refusal(new AddGraphNet()));
        Assert.Contains("not dropout_1 (Dropout)", Refusal(new DropoutBatchNormNet()));

        static string Refusal(INetwork network) =>
            Assert.Throws<NotSupportedException>(() => Quantizer.Quantize(network, new float[network.InputLength])).Message;
    }

    private static MnistMlp TrainedNetwork()
    {
        var network = new MnistMlp();
        var bytes = Convert.FromBase64String(File.ReadAllText(Path.Combine(ModelFolder, "mnist-mlp.bfw.b64")));
        WeightsFile.Decode(bytes, "mnist-mlp.bfw.b64", out _).CopyTo(network.Parameters);
        return network;
    }

    /// <summary>Bit-for-bit equal outputs on every seventh test image.</summary>
    private static void AssertSameOutputs(SamplePrediction expected, SamplePrediction actual)
    {
        var test = Test.Value;
        Span<float> want = stackalloc float[10], got = stackalloc float[10];
        for (int i = 0; i < test.Count; i += 7)
        {
            var image = test.Features.Slice(i * 784, 784);
            expected(image, want);
            actual(image, got);
            Assert.True(want.SequenceEqual(got), $"Image {i}: the outputs differ.");
        }
    }

    private static double Accuracy(SamplePrediction predict) => 100.0 * Evaluation.CountCorrect(Test.Value, predict, 10) / Test.Value.Count;
}
