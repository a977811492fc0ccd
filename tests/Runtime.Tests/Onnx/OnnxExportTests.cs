using System;
using System.IO;
using System.Linq;
using Butterfly.Data;
using Butterfly.Runtime.Tests.Networks;
using Butterfly.Tests;
using Microsoft.ML.OnnxRuntime;

namespace Butterfly.Runtime.Tests.Onnx;

/// <summary>
/// <see cref="OnnxExport"/>: each exported network, run by ONNX Runtime on a batch of random inputs, gives what the
/// generated <c>Predict</c> gives, within 1e-5 absolute; parameters are random (batch normalization's running statistics
/// too), so a tensor written in the wrong layout or a wrong formula shows. Layers without an ONNX form are refused by name.
/// </summary>
public sealed class OnnxExportTests
{
    private const float Tolerance = 1e-5f;
    private const int Batch = 8;

    [Fact]
    public void Mlp_matches_predict() => AssertMatches(new ExportMlp());

    [Fact]
    public void Mnist_mlp_matches_predict() => AssertMatches(new MnistMlp());

    [Fact]
    public void Trained_mnist_mlp_classifies_the_test_set_alike_in_onnx_runtime()
    {
        // The EmbeddedInference sample's trained weights, on all 10,000 test images in one batch.
        var network = new MnistMlp();
        var b64 = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "samples", "EmbeddedInference", "Model", "mnist-mlp.bfw.b64"));
        WeightsFile.Decode(Convert.FromBase64String(b64), "mnist-mlp.bfw.b64", out _).CopyTo(network.Parameters);
        var test = Mnist.LoadTest(RepositoryPaths.MnistDirectory);
        var images = test.Features.ToArray();
        using var session = new InferenceSession(OnnxExport.Encode(network));
        using var input = OrtValue.CreateTensorValueFromMemory(images, [test.Count, MnistMlp.InputLength]);
        var actual = Run(session, input);
        var expected = new float[test.Count * MnistMlp.OutputLength];
        for (int n = 0; n < test.Count; n++)
        {
            network.Predict(images.AsSpan(n * MnistMlp.InputLength, MnistMlp.InputLength), expected.AsSpan(n * MnistMlp.OutputLength, MnistMlp.OutputLength));
        }

        AssertClose(expected, actual, "trained MnistMlp");
        int agree = 0;
        for (int n = 0; n < test.Count; n++)
        {
            agree += ArgMax(expected.AsSpan(n * 10, 10)) == ArgMax(actual.AsSpan(n * 10, 10)) ? 1 : 0;
        }

        Assert.Equal(test.Count, agree);
    }

    [Fact]
    public void Every_activation_matches_predict() => AssertMatches(new ExportActivations());

    [Fact]
    public void Convolution_max_pooling_and_implicit_flattening_match_predict() => AssertMatches(new ConvPoolNet());

    [Fact]
    public void Strided_padded_convolution_average_pooling_and_flatten_match_predict() => AssertMatches(new StridedConvNet());

    [Fact]
    public void Padded_convolutions_elu_leaky_relu_and_strided_max_pooling_match_predict() => AssertMatches(new DeepConvNet());

    /// <summary>A 3×5 kernel with strides (2, 1) and pads [0, 1, 2, 1], a 2×3 kernel padded below and right, a 1×2 kernel striding 2 down.</summary>
    [Fact]
    public void Rectangular_kernels_strides_per_axis_and_asymmetric_padding_match_predict() => AssertMatches(new RectangularConvNet());

    [Fact]
    public void Bench_cnn_matches_predict() => AssertMatches(new BenchCnn());

    [Fact]
    public void Local_response_normalization_gelu_and_batch_norm_of_channels_match_predict() => AssertMatches(new NormalizationNet());

    [Fact]
    public void Batch_norm_of_a_vector_and_dropout_match_predict() => AssertMatches(new DropoutBatchNormNet());

    [Fact]
    public void Dropout_as_the_output_layer_matches_predict() => AssertMatches(new ExportDropoutLast());

    [Fact]
    public void Log_softmax_output_matches_predict() => AssertMatches(new SigmoidLogSoftmaxNet(4));

    [Fact]
    public void Log_softmax_over_an_image_matches_predict() => AssertMatches(new ExportImageLogSoftmax());

    [Fact]
    public void Softmax_over_an_image_matches_predict() => AssertMatches(new ExportImageSoftmax());

    [Fact]
    public void Residual_graph_with_add_matches_predict() => AssertMatches(new ResidualNet());

    [Fact]
    public void Residual_graph_with_batch_norm_matches_predict() => AssertMatches(new ResidualBatchNormNet());

    [Fact]
    public void Three_way_add_reading_the_input_matches_predict() => AssertMatches(new AddGraphNet());

    [Fact]
    public void Multiply_graph_matches_predict() => AssertMatches(new MultiplyGraphNet());

    [Fact]
    public void Concat_graph_with_a_branch_and_global_average_pooling_matches_predict() => AssertMatches(new ConcatGraphNet());

    [Fact]
    public void Layer_normalization_of_an_image_a_plane_and_a_vector_matches_predict() => AssertMatches(new LayerNormNet());

    [Fact]
    public void Layer_normalization_per_position_matches_predict() => AssertMatches(new SequenceLayerNormNet());

    [Fact]
    public void Clamps_closed_and_open_and_both_gelu_forms_match_predict() => AssertMatches(new ClampGeluNet());

    [Fact]
    public void Clamp_open_below_as_the_first_layer_matches_predict() => AssertMatches(new ClampFirstNet());

    [Fact]
    public void Token_input_and_embedding_match_predict() => AssertTokensMatch(new TinySoftmaxLanguageNet(), vocabulary: 7);

    [Fact]
    public void Hierarchical_softmax_after_an_embedding_matches_predict() => AssertTokensMatch(new TinyLanguageNet(), vocabulary: 7);

    [Fact]
    public void Hierarchical_softmax_on_a_float_input_matches_predict() => AssertMatches(new FloatInputTreeNet());

    [Fact]
    public void Huffman_tree_of_unequal_depths_matches_predict()
    {
        // Paths of one to five decisions: the export pads the short ones and must not count the padding.
        var network = new FloatInputTreeNet(ClassTree.Huffman([1, 2, 4, 8, 16]));
        AssertMatches(network, randomizeTree: false);
    }

    [Fact]
    public void Local_contrast_normalization_matches_predict() => AssertMatches(new ContrastNormalizationNet());

    [Fact]
    public void An_unknown_layer_kind_is_refused_by_name_and_nothing_is_written()
    {
        using var folder = new TemporaryFolder();
        string path = folder.File("mystery.onnx");
        var error = Assert.Throws<NotSupportedException>(() => OnnxExport.Save(new WithMysteryLayer(), path));
        Assert.Equal("Layer mystery_1 (Mystery) cannot be exported to ONNX: the exporter does not know this layer kind.", error.Message);
        Assert.Empty(Directory.GetFiles(folder.Path));
    }

    [Fact]
    public void A_refused_export_leaves_the_old_file_intact()
    {
        using var folder = new TemporaryFolder();
        string path = folder.File("model.onnx");
        var network = new ExportMlp();
        OnnxExport.Save(network, path);
        byte[] before = File.ReadAllBytes(path);

        Assert.Throws<NotSupportedException>(() => OnnxExport.Save(new WithMysteryLayer(), path));

        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal([path], Directory.GetFiles(folder.Path));
    }

    [Fact]
    public void A_save_over_a_folder_fails_and_leaves_it_and_no_temporary_file()
    {
        using var folder = new TemporaryFolder();
        string target = folder.File("taken");
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(target, "keep.txt"), "keep");

        Assert.ThrowsAny<IOException>(() => OnnxExport.Save(new ExportMlp(), target));

        Assert.Equal("keep", File.ReadAllText(Path.Combine(target, "keep.txt")));
        Assert.Empty(Directory.GetFiles(folder.Path));
    }

    [Fact]
    public void Save_writes_what_encode_returns_and_onnx_runtime_loads_the_file()
    {
        using var folder = new TemporaryFolder();
        string path = folder.File("mlp.onnx");
        var network = new ExportMlp();
        Randomize(network, seed: 9);
        OnnxExport.Save(network, path);
        Assert.Equal(OnnxExport.Encode(network), File.ReadAllBytes(path));
        using var session = new InferenceSession(path);
        Assert.Equal(["input"], session.InputNames);
        Assert.Equal(["output"], session.OutputNames);
    }

    [Fact]
    public void Arguments_are_checked_by_name()
    {
        Assert.Equal("network", Assert.Throws<ArgumentNullException>(() => OnnxExport.Encode(null!)).ParamName);
        Assert.Equal("network", Assert.Throws<ArgumentNullException>(() => OnnxExport.Save(null!, "x.onnx")).ParamName);
        Assert.Equal("path", Assert.ThrowsAny<ArgumentException>(() => OnnxExport.Save(new ExportMlp(), null!)).ParamName);
        Assert.Equal("path", Assert.ThrowsAny<ArgumentException>(() => OnnxExport.Save(new ExportMlp(), " ")).ParamName);
    }

    [Fact]
    public void The_checker_sees_a_changed_weight()
    {
        // The comparison must be able to fail: the exported model of one network against another's Predict.
        var exported = new ExportMlp();
        Randomize(exported, seed: 1);
        var other = new ExportMlp();
        Randomize(other, seed: 1);
        other.Parameters[7] += 0.5f;
        var inputs = Inputs(ExportMlp.InputLength, seed: 2);
        var actual = RunOnnx(OnnxExport.Encode(exported), inputs, ExportMlp.InputLength);
        var expected = PredictAll(other, inputs);
        Assert.True(MaxDifference(expected, actual) > Tolerance);
    }

    /// <summary>Random parameters, ONNX Runtime on a random batch, Predict on each sample: within <see cref="Tolerance"/>.</summary>
    private static void AssertMatches(INetwork network, bool randomizeTree = true)
    {
        Randomize(network, seed: 7, randomizeTree);
        var inputs = Inputs(network.InputLength, seed: 11);
        var actual = RunOnnx(OnnxExport.Encode(network), inputs, network.InputLength, network.Structure.InputShape.Select(d => (long)d).ToArray());
        AssertClose(PredictAll(network, inputs), actual, network.GetType().Name);
    }

    /// <summary>The same for a network of token ids in [0, <paramref name="vocabulary"/>), which ONNX takes as int32.</summary>
    private static void AssertTokensMatch(INetwork network, int vocabulary)
    {
        Randomize(network, seed: 3);
        var random = new Random(5);
        int length = network.InputLength;
        var ids = Enumerable.Range(0, Batch * length).Select(_ => random.Next(vocabulary)).ToArray();
        using var session = new InferenceSession(OnnxExport.Encode(network));
        using var input = OrtValue.CreateTensorValueFromMemory(ids, [Batch, length]);
        var actual = Run(session, input);
        var expected = PredictAll(network, ids.Select(id => (float)id).ToArray());
        AssertClose(expected, actual, network.GetType().Name);
    }

    private static float[] RunOnnx(byte[] model, float[] inputs, int inputLength, long[]? shape = null)
    {
        using var session = new InferenceSession(model);
        using var input = OrtValue.CreateTensorValueFromMemory(inputs, [Batch, .. shape ?? [inputLength]]);
        return Run(session, input);
    }

    private static float[] Run(InferenceSession session, OrtValue input)
    {
        using var options = new RunOptions();
        using var outputs = session.Run(options, ["input"], [input], ["output"]);
        return outputs[0].GetTensorDataAsSpan<float>().ToArray();
    }

    private static float[] PredictAll(INetwork network, float[] inputs)
    {
        var outputs = new float[Batch * network.OutputLength];
        for (int n = 0; n < Batch; n++)
        {
            network.Predict(inputs.AsSpan(n * network.InputLength, network.InputLength), outputs.AsSpan(n * network.OutputLength, network.OutputLength));
        }

        return outputs;
    }

    private static void AssertClose(float[] expected, float[] actual, string network)
    {
        Assert.Equal(expected.Length, actual.Length);
        float difference = MaxDifference(expected, actual);
        Assert.True(difference <= Tolerance, $"{network}: ONNX Runtime and Predict differ by up to {difference:G3}.");
    }

    private static int ArgMax(ReadOnlySpan<float> values) => System.Numerics.Tensors.TensorPrimitives.IndexOfMax(values);

    private static float MaxDifference(float[] expected, float[] actual) =>
        expected.Zip(actual, (e, a) => Math.Abs(e - a)).Max();

    private static float[] Inputs(int length, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, Batch * length).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
    }

    /// <summary>
    /// Every parameter uniform in [-0.5, 0.5], except batch normalization's scale and running variance, in [0.5, 1.5]:
    /// running statistics away from their initial 0 and 1 show whether the export uses them.
    /// </summary>
    private static void Randomize(INetwork network, int seed, bool randomizeTree = true)
    {
        var random = new Random(seed);
        var parameters = network.Parameters;
        foreach (var block in network.ParameterBlocks)
        {
            if (block.Role == ParameterRole.Structure)
            {
                // A class tree: a balanced one unless the test built its own.
                if (randomizeTree)
                {
                    ClassTree.Balanced(block.Length / 2 + 1).CopyTo(parameters.Slice(block.Offset, block.Length));
                }

                continue;
            }

            bool positive = block.Name.EndsWith(".gamma", StringComparison.Ordinal) || block.Name.EndsWith(".runningvariance", StringComparison.Ordinal);
            foreach (ref float value in parameters.Slice(block.Offset, block.Length))
            {
                value = (float)(random.NextDouble() - 0.5) + (positive ? 1f : 0f);
            }
        }
    }

    /// <summary>A network whose structure names a layer kind the exporter does not know, as a future layer would.</summary>
    private sealed class WithMysteryLayer : INetwork
    {
        private readonly INetwork _inner = new ExportMlp();

        public int InputLength => _inner.InputLength;

        public int OutputLength => _inner.OutputLength;

        public int ParameterCount => _inner.ParameterCount;

        public LossFunction Loss => _inner.Loss;

        public string Signature => _inner.Signature;

        public string Summary => _inner.Summary;

        public Span<float> Parameters => _inner.Parameters;

        public Span<float> Gradients => _inner.Gradients;

        public ReadOnlySpan<ParameterBlock> ParameterBlocks => _inner.ParameterBlocks;

        public ReadOnlySpan<LayerOutput> LayerOutputs => _inner.LayerOutputs;

        public NetworkStructure Structure { get; } = new(
            [20],
            vocabulary: 0,
            inputName: null,
            [.. ((INetwork)new ExportMlp()).Structure.Layers.Take(2), new LayerStructure("mystery_1", "Mystery", [], [16], [16], [1], 2, 0, null)]);

        public Workspace CreateWorkspace(int maxBatch) => _inner.CreateWorkspace(maxBatch);

        public ReadOnlySpan<float> Forward(Workspace workspace, ReadOnlySpan<float> inputs) => _inner.Forward(workspace, inputs);

        public void Backward(Workspace workspace, ReadOnlySpan<float> inputs, ReadOnlySpan<float> outputGradient) => _inner.Backward(workspace, inputs, outputGradient);

        public void Predict(ReadOnlySpan<float> input, Span<float> output) => _inner.Predict(input, output);

        public float TrainStep(Workspace workspace, ReadOnlySpan<float> inputs, ReadOnlySpan<int> labels, Optimizer optimizer) =>
            _inner.TrainStep(workspace, inputs, labels, optimizer);

        public float TrainStep(Workspace workspace, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, Optimizer optimizer) =>
            _inner.TrainStep(workspace, inputs, targets, optimizer);
    }
}
