using System;
using System.IO;
using System.Linq;
using Microsoft.ML.OnnxRuntime;

namespace Butterfly.Onnx.Tests;

/// <summary>
/// Every imported network computes what ONNX Runtime computes from the same file, within 1e-5 absolute, on seeded random
/// inputs: the instance's Predict (which starts from the imported weights), the static PredictEmbedded, and the batch
/// Forward. Together the models cover every operator the importer maps (see <see cref="TestModels"/>).
/// </summary>
public sealed class OnnxRuntimeAgreementTests
{
    private const float Tolerance = 1e-5f;
    private const int Samples = 16;

    [Fact]
    public void Gemm_mlp_matches_OnnxRuntime() =>
        Agree(new ImportedMlp(), ImportedMlp.PredictEmbedded, "mlp.onnx", [12]);

    [Fact]
    public void PyTorch_mlp_matches_OnnxRuntime() =>
        Agree(new ImportedPyTorchMlp(), ImportedPyTorchMlp.PredictEmbedded, "pytorch-mlp.onnx", [1, 8, 8]);

    [Fact]
    public void PyTorch_cnn_matches_OnnxRuntime() =>
        Agree(new ImportedPyTorchCnn(), ImportedPyTorchCnn.PredictEmbedded, "pytorch-cnn.onnx", [2, 10, 10]);

    [Fact]
    public void Tf2onnx_cnn_matches_OnnxRuntime_with_its_input_channels_first() =>
        Agree(new ImportedTf2OnnxCnn(), ImportedTf2OnnxCnn.PredictEmbedded, "tf2onnx-cnn.onnx", [8, 8, 3], ToChannelsFirst);

    [Fact]
    public void Residual_graph_matches_OnnxRuntime() =>
        Agree(new ImportedResidual(), ImportedResidual.PredictEmbedded, "residual.onnx", [3, 6, 6]);

    [Fact]
    public void Rectangular_kernels_strides_per_axis_and_asymmetric_auto_pad_match_OnnxRuntime() =>
        Agree(new ImportedConvGeometry(), ImportedConvGeometry.PredictEmbedded, "conv-geometry.onnx", [2, 11, 10]);

    [Fact]
    public void Conv_geometry_maps_onto_rectangular_and_asymmetric_Conv2D_layers()
    {
        // 3×5 kernel, strides (2, 1), pads [0, 1, 2, 1]; SAME_UPPER at stride 2: pads [0, 0, 1, 1]; SAME_LOWER 2×2: [1, 1, 0, 0].
        Assert.Equal(
            "Input(2, 11, 10) Conv2D(4, 3, 2, 0, 5, 1, 1, 2, 1) ReLU Conv2D(4, 3, 2, 0, 3, 2, 0, 1, 1) Tanh Conv2D(3, 2, 1, 1, 2, 1, 1, 0, 0) Dense(5)",
            ImportedConvGeometry.Signature);
    }

    [Fact]
    public void Layer_normalization_gelu_and_clamps_match_OnnxRuntime() =>
        Agree(new ImportedOnnxLayers(), ImportedOnnxLayers.PredictEmbedded, "onnx-layers.onnx", [2, 4, 4]);

    [Fact]
    public void Layer_normalization_gelu_clip_max_and_min_map_onto_their_layers()
    {
        Assert.Equal(
            "Input(2, 4, 4) LayerNorm(1E-05, 0) Dense(16) GELU(1) Clamp(-Infinity, 0.8) Dense(12) Clamp(-0.1, Infinity) GELU Clamp(-Infinity, 0.5) LayerNorm(1E-05, 0) Dense(5)",
            ImportedOnnxLayers.Signature);
    }

    [Fact]
    public void PyTorch_layer_normalization_subgraph_matches_OnnxRuntime() =>
        Agree(new ImportedPyTorchLayerNorm(), ImportedPyTorchLayerNorm.PredictEmbedded, "pytorch-layernorm.onnx", [3, 8]);

    [Fact]
    public void PyTorch_layer_normalization_subgraph_folds_into_one_layer() =>
        Assert.StartsWith("Input(3, 8) LayerNorm(1E-05, 1) ", ImportedPyTorchLayerNorm.Signature, StringComparison.Ordinal);

    [Fact]
    public void PyTorch_log_softmax_at_opset_11_matches_OnnxRuntime() =>
        Agree(new ImportedPyTorchLogSoftmax(), ImportedPyTorchLogSoftmax.PredictEmbedded, "pytorch-logsoftmax.onnx", [10]);

    [Fact]
    public void Log_softmax_with_its_default_axis_at_opset_13_matches_OnnxRuntime() =>
        Agree(new ImportedLogSoftmaxMlp(), ImportedLogSoftmaxMlp.PredictEmbedded, "logsoftmax-mlp.onnx", [12]);

    [Fact]
    public void Log_softmax_imports_as_the_output_layer_with_cross_entropy()
    {
        Assert.EndsWith("Dense(5) LogSoftmax", ImportedLogSoftmaxMlp.Signature, StringComparison.Ordinal);
        Assert.EndsWith("Dense(6) LogSoftmax", ImportedPyTorchLogSoftmax.Signature, StringComparison.Ordinal);
        Assert.Equal(LossFunction.CrossEntropy, ImportedLogSoftmaxMlp.Loss);
        Assert.Equal(LossFunction.CrossEntropy, ImportedPyTorchLogSoftmax.Loss);
    }

    [Fact]
    public void Activations_after_a_hidden_transpose_match_OnnxRuntime() =>
        Agree(new ImportedTransposedActivation(), ImportedTransposedActivation.PredictEmbedded, "transposed-activation.onnx", [2, 3, 4]);

    [Fact]
    public void A_hidden_transpose_through_activations_costs_no_layer() =>
        Assert.Equal("Input(2, 3, 4) Sigmoid ReLU LeakyReLU(0.3) Dense(5)", ImportedTransposedActivation.Signature);

    [Fact]
    public void The_tf2onnx_input_transpose_is_folded_into_the_input_shape()
    {
        Assert.StartsWith("Input(3, 8, 8) Conv2D(5, 3, 1, 1) ReLU MaxPool(2) Dense(4) Softmax", ImportedTf2OnnxCnn.Signature, StringComparison.Ordinal);
    }

    [Fact]
    public void Batch_norm_after_a_conv_folds_and_after_an_add_is_a_layer()
    {
        Assert.DoesNotContain("BatchNorm", ImportedPyTorchCnn.Signature, StringComparison.Ordinal);
        Assert.Contains("Add(stem) BatchNorm(0.1, 0.0001) r2=ReLU", ImportedResidual.Signature, StringComparison.Ordinal);
    }

    private delegate void Embedded(ReadOnlySpan<float> input, Span<float> output);

    /// <summary>(H, W, C) to (C, H, W) for one sample.</summary>
    private static float[] ToChannelsFirst(float[] sample, int[] shape)
    {
        int h = shape[0], w = shape[1], c = shape[2];
        var result = new float[sample.Length];
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                for (int k = 0; k < c; k++)
                {
                    result[(((k * h) + y) * w) + x] = sample[(((y * w) + x) * c) + k];
                }
            }
        }

        return result;
    }

    private static void Agree(INetwork network, Embedded embedded, string model, int[] onnxShape, Func<float[], int[], float[]>? toButterfly = null)
    {
        var random = new Random(11);
        int inputLength = onnxShape.Aggregate(1, (p, d) => p * d);
        Assert.Equal(inputLength, network.InputLength);
        var inputs = new float[Samples * inputLength];
        for (int i = 0; i < inputs.Length; i++)
        {
            inputs[i] = (float)((random.NextDouble() * 4) - 2);
        }

        // The models fix the batch at 1, as exporters do without dynamic axes, so ONNX Runtime runs sample by sample.
        using var session = new InferenceSession(Path.Combine(AppContext.BaseDirectory, "Models", model));
        string inputName = session.InputMetadata.Keys.Single();
        using var options = new RunOptions();
        var expected = new float[Samples * network.OutputLength];
        for (int s = 0; s < Samples; s++)
        {
            using var value = OrtValue.CreateTensorValueFromMemory(inputs.AsSpan(s * inputLength, inputLength).ToArray(), [1, .. onnxShape.Select(d => (long)d)]);
            using var results = session.Run(options, [inputName], [value], session.OutputNames);
            var result = results[0].GetTensorDataAsSpan<float>();
            Assert.Equal(network.OutputLength, result.Length);
            result.CopyTo(expected.AsSpan(s * network.OutputLength));
        }

        var samples = Enumerable.Range(0, Samples)
            .Select(s => inputs.AsSpan(s * inputLength, inputLength).ToArray())
            .Select(sample => toButterfly is null ? sample : toButterfly(sample, onnxShape))
            .ToArray();
        var output = new float[network.OutputLength];
        var fromEmbedded = new float[network.OutputLength];
        var workspace = network.CreateWorkspace(Samples);
        float[] batch = network.Forward(workspace, samples.SelectMany(s => s).ToArray()).ToArray();
        for (int s = 0; s < Samples; s++)
        {
            network.Predict(samples[s], output);
            embedded(samples[s], fromEmbedded);
            for (int j = 0; j < output.Length; j++)
            {
                float want = expected[(s * output.Length) + j];
                Assert.True(Math.Abs(output[j] - want) <= Tolerance, $"{model}, sample {s}, output {j}: Predict {output[j]}, ONNX Runtime {want}");
                Assert.True(Math.Abs(fromEmbedded[j] - want) <= Tolerance, $"{model}, sample {s}, output {j}: PredictEmbedded {fromEmbedded[j]}, ONNX Runtime {want}");
                Assert.True(Math.Abs(batch[(s * output.Length) + j] - want) <= Tolerance, $"{model}, sample {s}, output {j}: Forward {batch[(s * output.Length) + j]}, ONNX Runtime {want}");
            }
        }
    }
}
