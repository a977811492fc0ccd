using System.Collections.Generic;
using System.Linq;
using Butterfly.Generator.Emitting;
using Butterfly.Generator.Model;
using Butterfly.Generator.Planning;
using Xunit;

namespace Butterfly.Generator.Tests;

/// <summary>Which of Predict's images the planner keeps channels-last, and how it splits them between threads.</summary>
public sealed class ChannelsLastRunsTests
{
    private static LayerSpec Layer(string kind, params (string Name, double Value)[] arguments) =>
        new(kind, arguments.Select(a => new LayerArgument(a.Name, a.Value)).ToEquatableArray());

    private static LayerSpec Convolution(int filters, int padding = 1, int kernel = 3) =>
        Layer("Conv2D", ("filters", filters), ("kernel", kernel), ("stride", 1), ("padding", padding));

    private static NetworkPlan Plan(Shape input, params LayerSpec[] layers)
    {
        var errors = new List<PlanError>();
        var plan = Planner.Plan(new NetworkSpec(input, layers.ToEquatableArray(), LossKind.CrossEntropy), "Net", errors)!;
        Assert.Empty(errors);
        return plan;
    }

    private static int[] Borders(NetworkPlan plan) => plan.Layers.Select(l => l.PredictBorder).ToArray();

    [Fact]
    public void A_residual_network_keeps_every_image_channels_last_up_to_its_global_pooling_and_splits_them_alike()
    {
        var plan = Plan(
            Shape.Of(1, 28, 28),
            Convolution(16), Layer("ReLU") with { Name = "stem" }, Convolution(16), Layer("ReLU"), Convolution(16),
            Layer("Add") with { Merged = new[] { "stem" }.ToEquatableArray() }, Layer("ReLU"), Layer("MaxPool", ("size", 2)),
            Convolution(32), Layer("GlobalAvgPool"), Layer("Dense", ("units", 10)), Layer("Softmax"));
        Assert.Equal(new[] { 1, 1, 1, 1, 1, 1, 1, 1, 1, -1, -1, -1 }, Borders(plan));

        // Every kernel of the run goes in the same bands, the first convolution (1 channel in, too little work alone) too;
        // the ReLUs are applied by the layers before them, and the sum by the convolution before it, in its slot.
        Assert.Equal(
            new[] { true, false, true, false, true, false, false, true, true, false, false, false },
            plan.Layers.Select(l => l.PredictSplits).ToArray());
        Assert.Equal(plan.Layers[5], plan.Layers[4].PredictSumsInto);
        Assert.True(plan.Layers[5].PredictInPlace);
        Assert.Equal(plan.Layers[4].PredictSlot, plan.Layers[5].PredictSlot);
        Assert.All(plan.Layers.Where(l => l != plan.Layers[4]), l => Assert.Null(l.PredictSumsInto));

        // Slots hold the widest image with its border: 30 × 30 × 16.
        Assert.Equal(30 * 30 * 16, plan.PredictSlotFloats);
        Assert.Equal(30 * 30 * 16, plan.Layers[0].PredictOutputLength);
        Assert.Equal(16 * 16 * 32, plan.Layers[8].PredictOutputLength);
        Assert.Contains(
            "Predict images channels-last, with zero borders, in conv2d_1, relu_1, conv2d_2, relu_2, conv2d_3, add_1, relu_3, max_pool_1, conv2d_4\n",
            Summary.Of(plan));
    }

    [Fact]
    public void Images_a_flattening_dense_layer_reads_stay_planes_and_so_do_those_before_them()
    {
        var plan = Plan(Shape.Of(1, 12, 12), Convolution(16), Layer("ReLU"), Convolution(16), Layer("ReLU"), Layer("Dense", ("units", 3)), Layer("Softmax"));
        Assert.All(plan.Layers, l => Assert.Equal(-1, l.PredictBorder));
        Assert.DoesNotContain("channels-last", Summary.Of(plan));
    }

    [Fact]
    public void Filters_not_in_groups_of_sixteen_and_strided_convolutions_stay_planes()
    {
        Assert.All(Plan(Shape.Of(1, 12, 12), Convolution(8), Layer("ReLU"), Layer("GlobalAvgPool"), Layer("Dense", ("units", 3)), Layer("Softmax")).Layers, l => Assert.Equal(-1, l.PredictBorder));
        var strided = Plan(
            Shape.Of(1, 12, 12),
            Layer("Conv2D", ("filters", 16), ("kernel", 3), ("stride", 2), ("padding", 1)), Layer("GlobalAvgPool"), Layer("Dense", ("units", 3)), Layer("Softmax"));
        Assert.All(strided.Layers, l => Assert.Equal(-1, l.PredictBorder));
    }

    [Fact]
    public void A_layer_that_cannot_read_channels_last_sends_the_run_before_it_back_to_planes()
    {
        // The batch normalization's shift would turn the zero border into something else, so the images it reads stay
        // planes, and with them the ReLU's source; the convolution after it starts a run of its own, from planes.
        var plan = Plan(
            Shape.Of(1, 12, 12),
            Convolution(16), Layer("ReLU"), Layer("BatchNorm"), Convolution(16), Layer("ReLU"), Layer("GlobalAvgPool"), Layer("Dense", ("units", 3)), Layer("Softmax"));
        Assert.Equal(new[] { -1, -1, -1, 1, 1, -1, -1, -1 }, Borders(plan));
    }

    [Fact]
    public void Convolutions_with_another_padding_do_not_read_the_image_in_place()
    {
        // The second convolution's border would be 2: the first one's image (border 1) goes back to planes.
        var plan = Plan(
            Shape.Of(1, 12, 12),
            Convolution(16), Layer("ReLU"), Convolution(16, padding: 2, kernel: 5), Layer("GlobalAvgPool"), Layer("Dense", ("units", 3)), Layer("Softmax"));
        Assert.Equal(new[] { -1, -1, 2, -1, -1, -1 }, Borders(plan));
    }

    [Fact]
    public void The_output_layer_writes_planes()
    {
        var plan = Plan(Shape.Of(1, 6, 6), Convolution(16), Layer("ReLU"));
        Assert.All(plan.Layers, l => Assert.Equal(-1, l.PredictBorder));
    }

    [Fact]
    public void A_convolution_sums_only_into_a_sum_that_reads_it_directly()
    {
        // A ReLU between the convolution and the sum: the convolution applies it as it stores, and the sum runs on its own.
        var plan = Plan(
            Shape.Of(1, 8, 8),
            Convolution(16) with { Name = "a" }, Convolution(16), Layer("ReLU"), Layer("Add") with { Merged = new[] { "a" }.ToEquatableArray() },
            Layer("GlobalAvgPool"), Layer("Dense", ("units", 3)), Layer("Softmax"));
        Assert.All(plan.Layers, l => Assert.Null(l.PredictSumsInto));
        Assert.Equal(1, plan.Layers[3].PredictBorder);
    }
}
