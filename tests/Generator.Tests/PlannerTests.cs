using System.Collections.Generic;
using System.Globalization;
using Butterfly.Generator.Emitting;
using Butterfly.Generator.Layers;
using Butterfly.Generator.Model;
using Butterfly.Generator.Planning;
using Butterfly.Generator.Tests.Harness;

namespace Butterfly.Generator.Tests;

public sealed class PlannerTests
{
    private static NetworkSpec Mlp() => new(
        Shape.Of(784),
        new[]
        {
            new LayerSpec("Dense", new[] { new LayerArgument("units", 100) }.ToEquatableArray()),
            new LayerSpec("Sigmoid", EquatableArray<LayerArgument>.Empty),
            new LayerSpec("Dense", new[] { new LayerArgument("units", 10) }.ToEquatableArray()),
            new LayerSpec("Softmax", EquatableArray<LayerArgument>.Empty),
        }.ToEquatableArray(),
        LossKind.CrossEntropy);

    [Fact]
    public void Places_parameters_contiguously_weights_before_bias()
    {
        var errors = new List<PlanError>();
        var plan = Planner.Plan(Mlp(), "Mlp", errors)!;
        Assert.Empty(errors);
        Assert.Equal(79_510, plan.ParameterCount);
        Assert.Equal(
            new[] { ("dense_1.weights", 0, 78_400), ("dense_1.bias", 78_400, 100), ("dense_2.weights", 78_500, 1_000), ("dense_2.bias", 79_500, 10) },
            System.Linq.Enumerable.ToArray(System.Linq.Enumerable.Select(plan.ParameterTensors, t => (t.Name, t.Offset, t.Length))));
    }

    [Fact]
    public void Gives_every_layer_an_output_and_a_gradient_region()
    {
        var plan = Planner.Plan(Mlp(), "Mlp", new List<PlanError>())!;
        Assert.Equal(new[] { 0, 200, 400, 420 }, System.Linq.Enumerable.ToArray(System.Linq.Enumerable.Select(plan.Layers, l => l.ActivationOffset)));
        Assert.Equal(new[] { 100, 300, 410, 430 }, System.Linq.Enumerable.ToArray(System.Linq.Enumerable.Select(plan.Layers, l => l.GradientOffset)));
        Assert.Equal(440, plan.WorkspaceFloatsPerSample);
        Assert.Equal("Input(784) Dense(100) Sigmoid Dense(10) Softmax", plan.Signature);
        Assert.Equal(2, plan.BackpropagationStart);
    }

    [Fact]
    public void Rejects_parameter_counts_beyond_the_limit()
    {
        var spec = new NetworkSpec(
            Shape.Of(100_000),
            new[] { new LayerSpec("Dense", new[] { new LayerArgument("units", 100_000) }.ToEquatableArray()) }.ToEquatableArray(),
            LossKind.MeanSquaredError);
        var errors = new List<PlanError>();
        Assert.Null(Planner.Plan(spec, "Huge", errors));
        var error = Assert.Single(errors);
        Assert.Equal("BF0014", error.Descriptor.Id);
    }

    [Fact]
    public void Reports_a_layer_that_rejects_its_input_shape()
    {
        // No shipped layer kind rejects a shape yet, so BF0019 is reachable only through a kind the test supplies.
        var spec = new NetworkSpec(
            Shape.Of(4),
            new[]
            {
                new LayerSpec("Dense", new[] { new LayerArgument("units", 3) }.ToEquatableArray()),
                new LayerSpec(RejectingLayer.KindName, EquatableArray<LayerArgument>.Empty),
            }.ToEquatableArray(),
            LossKind.MeanSquaredError);
        var errors = new List<PlanError>();
        Assert.Null(Planner.Plan(spec, "Net", errors, name => name == RejectingLayer.KindName ? new RejectingLayer() : LayerCatalog.Get(name)));

        var error = Assert.Single(errors);
        Assert.Equal(1, error.LayerIndex);
        Assert.Equal("BF0019", error.Descriptor.Id);
        var diagnostic = DiagnosticInfo.Create(error.Descriptor, null, error.Arguments).ToDiagnostic(TestCompilation.Create());
        Assert.Equal("[Rejecting] cannot take an input of shape (3): it needs an image, (channels, height, width)", diagnostic.GetMessage(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Shape_length_saturates_instead_of_wrapping()
    {
        Assert.Equal(784, Shape.Of(1, 28, 28).Length);
        Assert.Equal(long.MaxValue, Shape.Of(1 << 30, 1 << 30, 1 << 30).Length);
    }

    /// <summary>A layer kind whose shape rule rejects every input.</summary>
    private sealed class RejectingLayer : LayerKind
    {
        public const string KindName = "Rejecting";

        public override string Name => KindName;

        public override ForwardValues BackwardReads => ForwardValues.None;

        public override ShapeResult InferShape(Shape input, LayerSpec spec) =>
            ShapeResult.Impossible("it needs an image, (channels, height, width)");

        public override void EmitPredict(CodeWriter writer, LayerEmission layer) => throw new System.NotSupportedException();

        public override void EmitForward(CodeWriter writer, LayerEmission layer) => throw new System.NotSupportedException();

        public override void EmitBackward(CodeWriter writer, LayerEmission layer) => throw new System.NotSupportedException();
    }

    private static LayerSpec Layer(string kind, params (string Name, double Value)[] arguments) =>
        new(kind, System.Linq.Enumerable.ToArray(System.Linq.Enumerable.Select(arguments, a => new LayerArgument(a.Name, a.Value))).ToEquatableArray());

    private static LayerSpec Convolution(int filters) => Layer("Conv2D", ("filters", filters), ("kernel", 3), ("stride", 1), ("padding", 1));

    [Fact]
    public void A_straight_stack_keeps_two_predict_slots_taking_turns()
    {
        var plan = Planner.Plan(Mlp(), "Mlp", new List<PlanError>())!;
        Assert.Equal(2 * 100, plan.ActivationScratchFloats);
        Assert.Equal(new[] { 0, 0, 1, -1 }, System.Linq.Enumerable.ToArray(System.Linq.Enumerable.Select(plan.Layers, l => l.PredictSlot)));
        Assert.Equal(new[] { false, true, false, false }, System.Linq.Enumerable.ToArray(System.Linq.Enumerable.Select(plan.Layers, l => l.PredictInPlace)));
    }

    [Fact]
    public void A_residual_block_holds_its_input_in_a_third_slot_until_the_merge_and_sums_its_gradient()
    {
        var spec = new NetworkSpec(
            Shape.Of(1, 8, 8),
            new[]
            {
                Convolution(4),
                Layer("ReLU") with { Name = "stem" },
                Convolution(4),
                Layer("ReLU"),
                Convolution(4),
                Layer("Add") with { Merged = new[] { "stem" }.ToEquatableArray() },
                Layer("ReLU"),
                Layer("GlobalAvgPool"),
                Layer("Dense", ("units", 3)),
                Layer("Softmax"),
            }.ToEquatableArray(),
            LossKind.CrossEntropy);
        var errors = new List<PlanError>();
        var plan = Planner.Plan(spec, "Net", errors)!;
        Assert.Empty(errors);
        Assert.Equal(3 * 256, plan.ActivationScratchFloats);
        var layers = plan.Layers;

        // stem (slot 0) stays taken until the Add reads it; the Add takes the slot its other operand freed.
        Assert.Equal(new[] { 0, 0, 1, 1, 2, 1, 1, 0, 1, -1 }, System.Linq.Enumerable.ToArray(System.Linq.Enumerable.Select(layers, l => l.PredictSlot)));
        Assert.Equal(new[] { layers[2], layers[5] }, layers[1].Readers);
        Assert.Equal(new LayerPlan?[] { layers[4], layers[1] }, layers[5].Sources);

        // Backward meets the Add first: its share of dE/d(stem) is written, the convolution's is added.
        Assert.Equal(new[] { false, false }, layers[5].OperandAccumulates);
        Assert.Equal(new[] { true }, layers[2].OperandAccumulates);
        Assert.Equal(256, plan.GradientSumFloats);

        // The sum's dE/dy is its first operand's dE/dx where it lies; the second operand's has a region of its own.
        Assert.Equal(layers[5].GradientOffset, layers[4].GradientOffset);
        Assert.NotEqual(layers[5].GradientOffset, layers[1].GradientOffset);
        Assert.Null(layers[1].Next);
        Assert.Equal("Input(1, 8, 8) Conv2D(4, 3, 1, 1) stem=ReLU Conv2D(4, 3, 1, 1) ReLU Conv2D(4, 3, 1, 1) Add(stem) ReLU GlobalAvgPool Dense(3) Softmax", plan.Signature);
    }

    [Fact]
    public void Predict_shares_among_threads_only_the_convolutions_with_enough_work_and_says_so()
    {
        // 1 channel in: 16 · 1 · 9 · 784 = 112,896 multiply-adds, on the calling thread; 16 in: 1,806,336, shared. (Planes:
        // a flattening dense layer reads the images, so nothing goes channels-last.)
        var spec = new NetworkSpec(
            Shape.Of(1, 28, 28),
            new[] { Convolution(16), Layer("ReLU"), Convolution(16), Layer("ReLU"), Layer("Dense", ("units", 10)), Layer("Softmax") }.ToEquatableArray(),
            LossKind.CrossEntropy);
        var plan = Planner.Plan(spec, "Net", new List<PlanError>())!;
        Assert.Equal(new[] { false, false, true, false, false, false }, System.Linq.Enumerable.ToArray(System.Linq.Enumerable.Select(plan.Layers, l => l.PredictSplits)));
        Assert.Contains("Predict threads: up to Parallelism.PredictThreadCount in conv2d_2, the calling thread elsewhere\n", Summary.Of(plan));
        Assert.Contains("Predict threads: the calling thread only\n", Summary.Of(Planner.Plan(Mlp(), "Mlp", new List<PlanError>())!));
    }

    /// <summary>Each step as its layers' names, joined by '+'.</summary>
    private static string[] Steps(NetworkPlan plan) =>
        System.Linq.Enumerable.ToArray(System.Linq.Enumerable.Select(plan.Steps, s => string.Join("+", System.Linq.Enumerable.Select(s.Layers, l => l.Name))));

    /// <summary>The plan of <paramref name="layers"/> then Dense(3) and Softmax, trained with cross-entropy, which must plan cleanly.</summary>
    private static NetworkPlan Classifier(Shape input, params LayerSpec[] layers)
    {
        var spec = new NetworkSpec(
            input,
            System.Linq.Enumerable.ToArray(System.Linq.Enumerable.Concat(layers, new[] { Layer("Dense", ("units", 3)), Layer("Softmax") })).ToEquatableArray(),
            LossKind.CrossEntropy);
        var errors = new List<PlanError>();
        var plan = Planner.Plan(spec, "Net", errors)!;
        Assert.Empty(errors);
        return plan;
    }

    [Fact]
    public void Lowering_joins_a_convolution_its_relu_and_its_pooling_into_one_step_for_every_pass()
    {
        var plan = Classifier(
            Shape.Of(1, 12, 12),
            Convolution(4), Layer("ReLU"), Layer("MaxPool", ("size", 2)),
            Layer("Conv2D", ("filters", 4), ("kernel", 3), ("stride", 2), ("padding", 1)), Layer("ReLU"), Layer("MaxPool", ("size", 3)),
            Layer("BatchNorm"), Layer("ReLU"), Layer("MaxPool", ("size", 1)),
            Layer("Flatten"));
        Assert.Equal(
            new[] { "conv2d_1+relu_1+max_pool_1", "conv2d_2+relu_2+max_pool_2", "batch_norm_1", "relu_3+max_pool_3", "flatten_1", "dense_1", "softmax_1" },
            Steps(plan));
        var steps = plan.Steps;

        // Direct (stride 1): the 2×2 pooling joins the batch forward call, and a training step leaves the convolution's
        // own output unstored. Unfolded (stride 2): the 3×3 pooling runs its own forward call, and the output is kept.
        Assert.True(steps[0].PoolsInForwardCall);
        Assert.True(steps[0].TrainingSkipsOwnOutput);
        Assert.Same(plan.Layers[2], steps[0].ForwardCallAt);
        Assert.False(steps[1].PoolsInForwardCall);
        Assert.False(steps[1].TrainingSkipsOwnOutput);
        Assert.Same(plan.Layers[4], steps[1].ForwardCallAt);

        // A ReLU after a layer that cannot rectify as it stores joins only the pooling's backward call.
        Assert.Null(steps[3].Rectifying);
        Assert.Same(plan.Layers[8], steps[3].Pooling);
        Assert.Null(steps[3].ForwardCallAt);
        Assert.True(System.Linq.Enumerable.All(plan.Layers, l => System.Linq.Enumerable.Contains(l.Step.Layers, l)));
        Assert.True(NetworkEmitter.StepSkipsOutputs(plan));
    }

    [Fact]
    public void Lowering_leaves_alone_a_relu_with_other_readers_and_one_on_the_network_input()
    {
        // The first ReLU reads the input (whose gradient may not be wanted); the convolution's output feeds the Add too.
        var plan = Classifier(
            Shape.Of(1, 8, 8),
            Layer("ReLU"), Layer("MaxPool", ("size", 2)),
            Convolution(4) with { Name = "stem" }, Layer("ReLU"), Convolution(4), Layer("Add") with { Merged = new[] { "stem" }.ToEquatableArray() },
            Layer("GlobalAvgPool"));
        Assert.Equal(
            new[] { "relu_1", "max_pool_1", "conv2d_1", "relu_2", "conv2d_2", "add_1", "global_avg_pool_1", "dense_1", "softmax_1" },
            Steps(plan));
        Assert.False(NetworkEmitter.StepSkipsOutputs(plan));
    }
}
