using System;
using System.Collections.Generic;
using Butterfly.Kernels;
using Butterfly.Runtime.Tests.Networks;

namespace Butterfly.Runtime.Tests;

/// <summary>
/// Checks Backward (and the training step's fused softmax-cross-entropy gradient) against central finite
/// differences of the loss, for every layer kind and both losses.
/// </summary>
/// <remarks>
/// Tolerance: the loss is computed in float32, so a central difference with step h carries a rounding error of
/// about ε·|L|/h (ε = 6e-8, |L| ≲ 3, h = 1e-3: about 2e-4) and a truncation error of h²·|L'''|/6 (about 1e-6 for
/// these smooth, small networks). An analytic gradient within 2e-3 absolute plus 2% relative of the numeric one is
/// therefore right, while a wrong factor, sign, transpose or missing term misses by far more than that.
/// ReLU kinks would break the estimate; the seeds below keep every ReLU pre-activation well away from zero
/// (a crossing would show up as a failure at one parameter, not as a silent pass).
/// </remarks>
public sealed class GradientCheckTests
{
    private const float Step = 1e-3f;
    private const int Batch = 3;

    public static TheoryData<string> Networks => new()
    {
        nameof(SigmoidSoftmaxNet),
        nameof(TanhRegressor),
        nameof(ReLUSigmoidRegressor),
        nameof(SoftmaxMseNet),
        nameof(SigmoidLogSoftmaxNet),
        nameof(LogSoftmaxMseNet),
        nameof(ImageInputNet),
        nameof(DeepNet),
        nameof(ConvPoolNet),
        nameof(StridedConvNet),
        nameof(RectangularConvNet),
        nameof(DeepConvNet),
        nameof(NormalizationNet),
        nameof(ContrastNormalizationNet),
        nameof(DropoutBatchNormNet),
        nameof(AddGraphNet),
        nameof(MultiplyGraphNet),
        nameof(ConcatGraphNet),
        nameof(ResidualNet),
        nameof(ResidualBatchNormNet),
        nameof(LayerNormNet),
        nameof(SequenceLayerNormNet),
        nameof(ClampGeluNet),
        nameof(ClampFirstNet),
        nameof(FloorPoolNet),
        nameof(FloorReLUPoolNet),
    };

    /// <summary>Networks whose input gradient is checked: graphs that read the input more than once, and stacks.</summary>
    public static TheoryData<string> InputGradientNetworks => new()
    {
        nameof(AddGraphNet),
        nameof(MultiplyGraphNet),
        nameof(ConcatGraphNet),
        nameof(ResidualNet),
        nameof(ResidualBatchNormNet),
        nameof(SigmoidSoftmaxNet),
        nameof(SigmoidLogSoftmaxNet),
        nameof(ImageInputNet),
        nameof(StridedConvNet),
        nameof(RectangularConvNet),
        nameof(NormalizationNet),
        nameof(LayerNormNet),
        nameof(SequenceLayerNormNet),
        nameof(ClampFirstNet),
        nameof(FloorPoolNet),
    };

    /// <summary>The networks whose training mode differs from inference (dropout, batch statistics).</summary>
    public static TheoryData<string> TrainingModeNetworks => new()
    {
        nameof(NormalizationNet),
        nameof(DropoutBatchNormNet),
        nameof(ResidualBatchNormNet),
    };

    [Theory]
    [MemberData(nameof(Networks))]
    public void Backward_matches_finite_differences(string name)
    {
        var network = Create(name);
        var (inputs, labels, targets) = RandomBatch(network, seed: 11);
        var workspace = network.CreateWorkspace(Batch);

        var outputs = network.Forward(workspace, inputs).ToArray();
        var outputGradient = new float[outputs.Length];
        LossWithGradient(network, outputs, labels, targets, outputGradient);
        network.Backward(workspace, inputs, outputGradient);
        var analytic = network.Gradients.ToArray();

        AssertMatchesFiniteDifferences(network, workspace, inputs, labels, targets, analytic, training: false);
    }

    /// <summary>
    /// Backward after a training-mode forward, where dropout drops (the same mask for every evaluation: the noise key
    /// stays put) and batch normalization differentiates through the batch statistics.
    /// </summary>
    [Theory]
    [MemberData(nameof(TrainingModeNetworks))]
    public void Training_mode_backward_matches_finite_differences(string name)
    {
        var network = Create(name);
        var (inputs, labels, targets) = RandomBatch(network, seed: 31);
        var workspace = network.CreateWorkspace(Batch);
        workspace.NoiseSeed = 3;
        workspace.NoiseStep = 7;

        var outputs = network.Forward(workspace, inputs, training: true).ToArray();
        var outputGradient = new float[outputs.Length];
        LossWithGradient(network, outputs, labels, targets, outputGradient);
        network.Backward(workspace, inputs, outputGradient);
        var analytic = network.Gradients.ToArray();

        AssertMatchesFiniteDifferences(network, workspace, inputs, labels, targets, analytic, training: true);
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void Training_step_gradient_matches_finite_differences(string name)
    {
        var network = Create(name);
        var (inputs, labels, targets) = RandomBatch(network, seed: 23);
        var workspace = network.CreateWorkspace(Batch);
        var recorder = new GradientRecorder();
        float before = Loss(network, workspace, inputs, labels, targets, training: true);

        float reported = network.Loss == LossFunction.CrossEntropy
            ? network.TrainStep(workspace, inputs, labels, recorder)
            : network.TrainStep(workspace, inputs, targets, recorder);

        Assert.Equal(before, reported, 5);
        AssertMatchesFiniteDifferences(network, workspace, inputs, labels, targets, recorder.Gradients, training: true);
    }

    /// <summary>
    /// <c>Backward</c>'s <c>dE/dx</c> for the inputs against central differences of the loss in each input, and the
    /// parameter gradients of the same call against those of the call without it (asking for dx changes nothing else).
    /// </summary>
    [Theory]
    [MemberData(nameof(InputGradientNetworks))]
    public void Input_gradient_matches_finite_differences(string name)
    {
        var network = Create(name);
        var (inputs, labels, targets) = RandomBatch(network, seed: 17);
        var workspace = network.CreateWorkspace(Batch);

        var outputs = network.Forward(workspace, inputs).ToArray();
        var outputGradient = new float[outputs.Length];
        LossWithGradient(network, outputs, labels, targets, outputGradient);
        network.Backward(workspace, inputs, outputGradient);
        var parameterGradients = network.Gradients.ToArray();
        var inputGradient = new float[inputs.Length];
        inputGradient.AsSpan().Fill(float.NaN);
        BackwardWithInputGradient(network, workspace, inputs, outputGradient, inputGradient);
        Assert.Equal(parameterGradients, network.Gradients.ToArray());

        var failures = new List<string>();
        for (int i = 0; i < inputs.Length; i++)
        {
            float original = inputs[i];
            inputs[i] = original + Step;
            float plus = Loss(network, workspace, inputs, labels, targets, training: false);
            inputs[i] = original - Step;
            float minus = Loss(network, workspace, inputs, labels, targets, training: false);
            inputs[i] = original;
            float numeric = (plus - minus) / (2 * Step);
            if (!(Math.Abs(inputGradient[i] - numeric) <= 2e-3f + 0.02f * Math.Abs(numeric)))
            {
                failures.Add($"input {i}: analytic {inputGradient[i]:G6}, numeric {numeric:G6}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Contains(inputGradient, g => Math.Abs(g) > 1e-3f);
    }

    /// <summary>The generated <c>Backward</c> overload with an input gradient, which <see cref="INetwork"/> does not carry.</summary>
    private static void BackwardWithInputGradient(INetwork network, Workspace workspace, float[] inputs, float[] outputGradient, float[] inputGradient)
    {
        switch (network)
        {
            case AddGraphNet n: n.Backward(workspace, inputs, outputGradient, inputGradient); break;
            case MultiplyGraphNet n: n.Backward(workspace, inputs, outputGradient, inputGradient); break;
            case ConcatGraphNet n: n.Backward(workspace, inputs, outputGradient, inputGradient); break;
            case ResidualNet n: n.Backward(workspace, inputs, outputGradient, inputGradient); break;
            case ResidualBatchNormNet n: n.Backward(workspace, inputs, outputGradient, inputGradient); break;
            case SigmoidSoftmaxNet n: n.Backward(workspace, inputs, outputGradient, inputGradient); break;
            case SigmoidLogSoftmaxNet n: n.Backward(workspace, inputs, outputGradient, inputGradient); break;
            case ImageInputNet n: n.Backward(workspace, inputs, outputGradient, inputGradient); break;
            case StridedConvNet n: n.Backward(workspace, inputs, outputGradient, inputGradient); break;
            case RectangularConvNet n: n.Backward(workspace, inputs, outputGradient, inputGradient); break;
            case NormalizationNet n: n.Backward(workspace, inputs, outputGradient, inputGradient); break;
            case LayerNormNet n: n.Backward(workspace, inputs, outputGradient, inputGradient); break;
            case SequenceLayerNormNet n: n.Backward(workspace, inputs, outputGradient, inputGradient); break;
            case ClampFirstNet n: n.Backward(workspace, inputs, outputGradient, inputGradient); break;
            case FloorPoolNet n: n.Backward(workspace, inputs, outputGradient, inputGradient); break;
            default: throw new ArgumentOutOfRangeException(nameof(network), network.GetType().Name, "No input-gradient call for this network.");
        }
    }

    internal static INetwork Create(string name, int seed = 5) => name switch
    {
        nameof(SigmoidSoftmaxNet) => new SigmoidSoftmaxNet(seed),
        nameof(TanhRegressor) => new TanhRegressor(seed),
        nameof(ReLUSigmoidRegressor) => new ReLUSigmoidRegressor(seed),
        nameof(SoftmaxMseNet) => new SoftmaxMseNet(seed),
        nameof(SigmoidLogSoftmaxNet) => new SigmoidLogSoftmaxNet(seed),
        nameof(LogSoftmaxMseNet) => new LogSoftmaxMseNet(seed),
        nameof(ImageInputNet) => new ImageInputNet(seed),
        nameof(DeepNet) => new DeepNet(seed),
        nameof(ConvPoolNet) => new ConvPoolNet(seed),
        nameof(StridedConvNet) => new StridedConvNet(seed),
        nameof(RectangularConvNet) => new RectangularConvNet(seed),
        nameof(DeepConvNet) => new DeepConvNet(seed),
        nameof(NormalizationNet) => new NormalizationNet(seed),
        nameof(ContrastNormalizationNet) => new ContrastNormalizationNet(seed),
        nameof(DropoutBatchNormNet) => new DropoutBatchNormNet(seed),
        nameof(BenchCnn) => new BenchCnn(seed),
        nameof(ConvReLUNet) => new ConvReLUNet(seed),
        nameof(ConvReLUPoolNet) => new ConvReLUPoolNet(seed),
        nameof(ConvLeakyPoolNet) => new ConvLeakyPoolNet(seed),
        nameof(AddGraphNet) => new AddGraphNet(seed),
        nameof(MultiplyGraphNet) => new MultiplyGraphNet(seed),
        nameof(ConcatGraphNet) => new ConcatGraphNet(seed),
        nameof(ResidualNet) => new ResidualNet(seed),
        nameof(ResidualBatchNormNet) => new ResidualBatchNormNet(seed),
        nameof(LayerNormNet) => LayerNormNet.WithRandomBiases(seed),
        nameof(SequenceLayerNormNet) => new SequenceLayerNormNet(seed),
        nameof(ClampGeluNet) => new ClampGeluNet(seed),
        nameof(ClampFirstNet) => new ClampFirstNet(seed),
        nameof(FloorPoolNet) => new FloorPoolNet(seed),
        nameof(FloorReLUPoolNet) => new FloorReLUPoolNet(seed),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown test network."),
    };

    private static void AssertMatchesFiniteDifferences(
        INetwork network, Workspace workspace, float[] inputs, int[] labels, float[] targets, float[] analytic, bool training)
    {
        var parameters = network.Parameters;
        var trainable = Trainable(network);
        var failures = new List<string>();
        for (int i = 0; i < parameters.Length; i++)
        {
            if (!trainable[i])
            {
                // Running statistics: the loss of a training-mode pass does not read them, and no gradient is defined.
                Assert.Equal(0f, analytic[i]);
                continue;
            }

            float original = parameters[i];
            parameters[i] = original + Step;
            float plus = Loss(network, workspace, inputs, labels, targets, training);
            parameters[i] = original - Step;
            float minus = Loss(network, workspace, inputs, labels, targets, training);
            parameters[i] = original;

            float numeric = (plus - minus) / (2 * Step);
            float tolerance = 2e-3f + 0.02f * Math.Abs(numeric);
            if (Math.Abs(analytic[i] - numeric) > tolerance)
            {
                failures.Add($"parameter {i}: analytic {analytic[i]:G6}, numeric {numeric:G6}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Contains(analytic, g => Math.Abs(g) > 1e-3f);
    }

    private static bool[] Trainable(INetwork network)
    {
        var trainable = new bool[network.ParameterCount];
        foreach (var block in network.ParameterBlocks)
        {
            trainable.AsSpan(block.Offset, block.Length).Fill(block.Role != ParameterRole.State);
        }

        return trainable;
    }

    private static float Loss(INetwork network, Workspace workspace, float[] inputs, int[] labels, float[] targets, bool training)
    {
        var outputs = network.Forward(workspace, inputs, training);
        return network.Loss != LossFunction.CrossEntropy ? Losses.MeanSquaredError(outputs, targets, default, network.OutputLength)
            : OutputsLogProbabilities(network) ? Losses.LogSoftmaxCrossEntropy(outputs, labels, default, network.OutputLength)
            : Losses.SoftmaxCrossEntropy(outputs, labels, default, network.OutputLength);
    }

    /// <summary>The loss and its gradient with respect to the network's outputs (not the fused logit gradient).</summary>
    private static void LossWithGradient(INetwork network, float[] outputs, int[] labels, float[] targets, float[] gradient)
    {
        if (network.Loss == LossFunction.CrossEntropy)
        {
            // L = -(1/B) Σ log p[label], so dL/dp = -1 / (B p[label]) at the label and 0 elsewhere; for log-probabilities
            // y = log p, L = -(1/B) Σ y[label] and dL/dy = -1 / B there.
            bool logProbabilities = OutputsLogProbabilities(network);
            for (int b = 0; b < labels.Length; b++)
            {
                int at = b * network.OutputLength + labels[b];
                gradient[at] = logProbabilities ? -1f / labels.Length : -1f / (labels.Length * outputs[at]);
            }
        }
        else
        {
            Losses.MeanSquaredError(outputs, targets, gradient, network.OutputLength);
        }
    }

    private static bool OutputsLogProbabilities(INetwork network) => network.Structure.Output.Kind == "LogSoftmax";

    private static (float[] Inputs, int[] Labels, float[] Targets) RandomBatch(INetwork network, int seed)
    {
        var random = new SeededRandom(seed);
        var inputs = new float[Batch * network.InputLength];
        for (int i = 0; i < inputs.Length; i++)
        {
            inputs[i] = 2f * random.NextSingle() - 1f;
        }

        var labels = new int[Batch];
        for (int b = 0; b < Batch; b++)
        {
            labels[b] = random.NextInt32(network.OutputLength);
        }

        var targets = new float[Batch * network.OutputLength];
        for (int i = 0; i < targets.Length; i++)
        {
            targets[i] = random.NextSingle();
        }

        return (inputs, labels, targets);
    }

    /// <summary>An optimizer that keeps a copy of the gradients it is given and changes nothing.</summary>
    private sealed class GradientRecorder() : Optimizer(1f)
    {
        public float[] Gradients { get; private set; } = [];

        public override string Name => "recorder";

        public override string Description => "records gradients, changes nothing";

        protected override void Update(Span<float> parameters, ReadOnlySpan<float> gradients, ReadOnlySpan<ParameterBlock> blocks) =>
            Gradients = gradients.ToArray();
    }
}
