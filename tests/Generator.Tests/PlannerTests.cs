using System.Collections.Generic;
using Butterfly.Generator.Model;
using Butterfly.Generator.Planning;

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
}
