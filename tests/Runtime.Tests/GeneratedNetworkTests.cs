using System;
using System.Linq;
using Butterfly.Runtime.Tests.Networks;

namespace Butterfly.Runtime.Tests;

/// <summary>Behaviour of generated networks: shapes, seeds, Predict against Forward, argument checks.</summary>
public sealed class GeneratedNetworkTests
{
    [Fact]
    public void Constants_describe_the_declaration()
    {
        Assert.Equal(784, MnistMlp.InputLength);
        Assert.Equal(10, MnistMlp.OutputLength);
        Assert.Equal(784 * 100 + 100 + 100 * 10 + 10, MnistMlp.ParameterCount);
        Assert.Equal("Input(784) Dense(100) Sigmoid Dense(10) Softmax", MnistMlp.Signature);
        Assert.Equal(LossFunction.CrossEntropy, MnistMlp.Loss);
        Assert.Equal(LossFunction.MeanSquaredError, TanhRegressor.Loss);
        Assert.Contains("dense_1 (Dense)", MnistMlp.Summary);
        Assert.Contains("79,510", MnistMlp.Summary);
    }

    [Fact]
    public void Parameter_views_cover_the_buffer_in_order()
    {
        var network = new MnistMlp();
        var blocks = network.ParameterBlocks.ToArray();
        Assert.Equal(new[] { "dense_1.weights", "dense_1.bias", "dense_2.weights", "dense_2.bias" }, blocks.Select(b => b.Name));
        Assert.Equal(MnistMlp.ParameterCount, blocks.Sum(b => b.Length));
        Assert.Equal(new[] { ParameterRole.Weight, ParameterRole.Bias, ParameterRole.Weight, ParameterRole.Bias }, blocks.Select(b => b.Role));

        network.Dense2Bias[3] = 7f;
        Assert.Equal(7f, network.Parameters[78_500 + 1_000 + 3]);
        Assert.Equal(78_400, network.Dense1Weights.Length);
        Assert.Equal(network.Gradients.Length, network.Parameters.Length);
    }

    [Fact]
    public void Initialization_is_glorot_for_sigmoid_and_zero_for_biases()
    {
        var network = new MnistMlp(seed: 3);
        float limit = MathF.Sqrt(6f / (784 + 100));
        var weights = network.Dense1Weights.ToArray();
        Assert.All(weights, w => Assert.InRange(w, -limit, limit));
        Assert.InRange(weights.Max(), limit * 0.99f, limit);
        Assert.All(network.Dense1Bias.ToArray(), b => Assert.Equal(0f, b));
    }

    [Fact]
    public void Initialization_is_he_before_relu()
    {
        var network = new ReLUSigmoidRegressor(seed: 3);
        var weights = network.Dense1Weights.ToArray();
        double variance = weights.Select(w => (double)w * w).Average();
        // He: Var = 2 / fanIn = 1/3 for six inputs; 42 samples of it land well within a factor of two.
        Assert.InRange(variance, 1.0 / 6, 2.0 / 3);
        Assert.Contains(weights, w => Math.Abs(w) > MathF.Sqrt(6f / (6 + 7)));
    }

    [Fact]
    public void The_same_seed_gives_the_same_weights_and_another_seed_does_not()
    {
        Assert.Equal(new MnistMlp(9).Parameters.ToArray(), new MnistMlp(9).Parameters.ToArray());
        Assert.NotEqual(new MnistMlp(9).Parameters.ToArray(), new MnistMlp(10).Parameters.ToArray());
        Assert.Equal(new MnistMlp(MnistMlp.DefaultSeed).Parameters.ToArray(), new MnistMlp().Parameters.ToArray());
    }

    [Theory]
    [InlineData(nameof(SigmoidSoftmaxNet))]
    [InlineData(nameof(TanhRegressor))]
    [InlineData(nameof(ImageInputNet))]
    [InlineData(nameof(DeepNet))]
    [InlineData(nameof(ConvPoolNet))]
    [InlineData(nameof(StridedConvNet))]
    [InlineData(nameof(RectangularConvNet))]
    [InlineData(nameof(DeepConvNet))]
    [InlineData(nameof(NormalizationNet))]
    [InlineData(nameof(ContrastNormalizationNet))]
    [InlineData(nameof(DropoutBatchNormNet))]
    [InlineData(nameof(BenchCnn))]
    [InlineData(nameof(ConvReLUNet))]
    [InlineData(nameof(ConvReLUPoolNet))]
    [InlineData(nameof(AddGraphNet))]
    [InlineData(nameof(MultiplyGraphNet))]
    [InlineData(nameof(ConcatGraphNet))]
    [InlineData(nameof(ResidualNet))]
    [InlineData(nameof(ResidualBatchNormNet))]
    [InlineData(nameof(LayerNormNet))]
    [InlineData(nameof(SequenceLayerNormNet))]
    [InlineData(nameof(ClampGeluNet))]
    [InlineData(nameof(ClampFirstNet))]
    [InlineData(nameof(FloorPoolNet))]
    [InlineData(nameof(FloorReLUPoolNet))]
    public void Predict_equals_each_row_of_a_batched_Forward(string name)
    {
        var network = GradientCheckTests.Create(name);
        const int batch = 7;
        var random = new SeededRandom(1);
        var inputs = Enumerable.Range(0, batch * network.InputLength).Select(_ => random.NextSingle() * 2 - 1).ToArray();
        var batched = network.Forward(network.CreateWorkspace(batch), inputs).ToArray();
        var single = new float[network.OutputLength];
        for (int b = 0; b < batch; b++)
        {
            network.Predict(inputs.AsSpan(b * network.InputLength, network.InputLength), single);
            for (int j = 0; j < single.Length; j++)
            {
                Assert.Equal(batched[b * network.OutputLength + j], single[j], 5);
            }
        }
    }

    /// <summary>
    /// The layers batch Forward and Backward join into one call (a convolution with its ReLU and 2×2 pooling; a
    /// pooling's backward rule with its ReLU's) against the same network written so that nothing is joined.
    /// </summary>
    [Fact]
    public void Joined_layers_compute_what_the_layers_compute_one_at_a_time()
    {
        const int batch = 5;
        INetwork joined = new ConvReLUPoolNet(3), separate = new ConvLeakyPoolNet(3);
        Assert.Equal(separate.Parameters.ToArray(), joined.Parameters.ToArray());
        var random = new SeededRandom(4);
        var inputs = Enumerable.Range(0, batch * joined.InputLength).Select(_ => random.NextSingle() * 2 - 1).ToArray();
        var outputGradient = Enumerable.Range(0, batch * joined.OutputLength).Select(_ => random.NextSingle() - 0.5f).ToArray();
        var (joinedSpace, separateSpace) = (joined.CreateWorkspace(batch), separate.CreateWorkspace(batch));

        joined.Forward(joinedSpace, inputs, training: true);
        separate.Forward(separateSpace, inputs, training: true);
        joined.Backward(joinedSpace, inputs, outputGradient);
        separate.Backward(separateSpace, inputs, outputGradient);

        // -0 (a leaky ReLU's 0 · x) equals +0 (a ReLU's max(0, x)); everything else must match exactly.
        for (int i = 0; i < joined.LayerOutputs.Length; i++)
        {
            var layer = joined.LayerOutputs[i];
            Assert.Equal(
                separateSpace.Region(separate.LayerOutputs[i].Offset, layer.Length, batch).ToArray(),
                joinedSpace.Region(layer.Offset, layer.Length, batch).ToArray());
        }

        Assert.Equal(separate.Gradients.ToArray(), joined.Gradients.ToArray());
        Assert.Contains(joined.Gradients.ToArray(), g => g != 0f);
    }

    /// <summary>
    /// A training step leaves a convolution's own output unstored when the ReLU after it is computed in the same call;
    /// its gradients are still those of the network written so that nothing is joined.
    /// </summary>
    [Fact]
    public void A_training_step_with_joined_layers_gives_the_gradients_of_the_layers_one_at_a_time()
    {
        const int batch = 6;
        INetwork joined = new ConvReLUPoolNet(7), separate = new ConvLeakyPoolNet(7);
        var random = new SeededRandom(8);
        var inputs = Enumerable.Range(0, batch * joined.InputLength).Select(_ => random.NextSingle() * 2 - 1).ToArray();
        var labels = Enumerable.Range(0, batch).Select(i => i % joined.OutputLength).ToArray();

        float joinedLoss = joined.TrainStep(joined.CreateWorkspace(batch), inputs, labels, new Sgd(0.01f));
        float separateLoss = separate.TrainStep(separate.CreateWorkspace(batch), inputs, labels, new Sgd(0.01f));

        Assert.Equal(separateLoss, joinedLoss);
        Assert.Equal(separate.Gradients.ToArray(), joined.Gradients.ToArray());
        Assert.Equal(separate.Parameters.ToArray(), joined.Parameters.ToArray());
    }

    /// <summary>
    /// A residual network whose sums and convolutions are joined to the ReLU after them (the training step leaving their
    /// own outputs unstored) against the same network written so that nothing is joined: Forward's every layer output,
    /// the step's loss, gradients and updated parameters, bit for bit.
    /// </summary>
    [Fact]
    public void A_residual_network_with_joined_sums_computes_what_its_layers_compute_one_at_a_time()
    {
        const int batch = 4;
        INetwork joined = new ResidualNet(5), separate = new ResidualLeakyNet(5);
        Assert.Equal(separate.Parameters.ToArray(), joined.Parameters.ToArray());
        var random = new SeededRandom(6);
        var inputs = Enumerable.Range(0, batch * joined.InputLength).Select(_ => random.NextSingle() * 2 - 1).ToArray();
        var labels = Enumerable.Range(0, batch).Select(i => i % joined.OutputLength).ToArray();
        var (joinedSpace, separateSpace) = (joined.CreateWorkspace(batch), separate.CreateWorkspace(batch));

        joined.Forward(joinedSpace, inputs, training: false);
        separate.Forward(separateSpace, inputs, training: false);
        for (int i = 0; i < joined.LayerOutputs.Length; i++)
        {
            var layer = joined.LayerOutputs[i];
            Assert.Equal(
                separateSpace.Region(separate.LayerOutputs[i].Offset, layer.Length, batch).ToArray(),
                joinedSpace.Region(layer.Offset, layer.Length, batch).ToArray());
        }

        float joinedLoss = joined.TrainStep(joinedSpace, inputs, labels, new Sgd(0.01f));
        float separateLoss = separate.TrainStep(separateSpace, inputs, labels, new Sgd(0.01f));
        Assert.Equal(separateLoss, joinedLoss);
        Assert.Equal(separate.Gradients.ToArray(), joined.Gradients.ToArray());
        Assert.Contains(joined.Gradients.ToArray(), g => g != 0f);
        Assert.Equal(separate.Parameters.ToArray(), joined.Parameters.ToArray());
    }

    /// <summary>
    /// When a step's loss is not finite, every layer's output is in the workspace for the trainer's diagnosis,
    /// including the convolution and sum outputs the step's forward pass left unstored.
    /// </summary>
    [Theory]
    [InlineData(nameof(ConvReLUPoolNet))]
    [InlineData(nameof(ResidualNet))]
    public void A_step_whose_loss_is_not_finite_leaves_every_layer_output_in_the_workspace(string name)
    {
        const int batch = 3;
        var network = GradientCheckTests.Create(name);
        var inputs = Enumerable.Range(0, batch * network.InputLength).Select(i => MathF.Sin(i)).ToArray();
        inputs[5] = float.NaN;
        var expected = network.CreateWorkspace(batch);
        network.Forward(expected, inputs, training: true);
        var workspace = network.CreateWorkspace(batch);

        float loss = network.TrainStep(workspace, inputs, new int[batch], new Sgd(0.01f));

        Assert.True(float.IsNaN(loss));
        foreach (var layer in network.LayerOutputs)
        {
            Assert.Equal(expected.Region(layer.Offset, layer.Length, batch).ToArray(), workspace.Region(layer.Offset, layer.Length, batch).ToArray());
        }
    }

    [Fact]
    public void Softmax_outputs_are_probabilities()
    {
        var network = new DeepNet();
        var output = new float[DeepNet.OutputLength];
        network.Predict(Enumerable.Repeat(0.5f, DeepNet.InputLength).ToArray(), output);
        Assert.All(output, p => Assert.InRange(p, 0f, 1f));
        Assert.Equal(1f, output.Sum(), 5);
    }

    [Fact]
    public void Predict_names_the_argument_and_the_expected_length()
    {
        var network = new MnistMlp();
        var error = Assert.Throws<ArgumentException>(() => network.Predict(new float[783], new float[10]));
        Assert.Equal("input", error.ParamName);
        Assert.Contains("784", error.Message);
        error = Assert.Throws<ArgumentException>(() => network.Predict(new float[784], new float[9]));
        Assert.Equal("output", error.ParamName);
        Assert.Contains("10", error.Message);
    }

    [Fact]
    public void Forward_rejects_a_partial_sample_a_batch_too_large_and_another_networks_workspace()
    {
        var network = new MnistMlp();
        var workspace = network.CreateWorkspace(2);
        var error = Assert.Throws<ArgumentException>(() => network.Forward(workspace, new float[785]));
        Assert.Equal("inputs", error.ParamName);
        error = Assert.Throws<ArgumentException>(() => network.Forward(workspace, new float[784 * 3]));
        Assert.Contains("at most 2", error.Message);
        error = Assert.Throws<ArgumentException>(() => network.Forward(new DeepNet().CreateWorkspace(2), new float[784]));
        Assert.Equal("workspace", error.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => network.CreateWorkspace(0));
    }

    [Fact]
    public void TrainStep_checks_labels_and_refuses_the_wrong_kind_of_target()
    {
        INetwork network = new MnistMlp();
        var workspace = network.CreateWorkspace(2);
        var sgd = new Sgd(0.1f);
        var error = Assert.Throws<ArgumentException>(() => network.TrainStep(workspace, new float[784 * 2], new int[1], sgd));
        Assert.Equal("labels", error.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => network.TrainStep(workspace, new float[784], new[] { 10 }, sgd));
        var wrongKind = Assert.Throws<InvalidOperationException>(() => network.TrainStep(workspace, new float[784], new float[10], sgd));
        Assert.Contains("class labels", wrongKind.Message);
    }

    [Fact]
    public void Backward_changes_gradients_and_never_parameters()
    {
        var network = new DeepNet(seed: 2);
        var before = network.Parameters.ToArray();
        var workspace = network.CreateWorkspace(1);
        var inputs = Enumerable.Range(0, DeepNet.InputLength).Select(i => i * 0.1f).ToArray();
        network.Forward(workspace, inputs);
        network.Backward(workspace, inputs, new float[] { 1, -1, 0.5f });
        Assert.Equal(before, network.Parameters.ToArray());
        Assert.Contains(network.Gradients.ToArray(), g => g != 0f);
    }
}
