using System;
using Butterfly.Kernels;
using Butterfly.Runtime.Tests.Networks;

namespace Butterfly.Runtime.Tests;

/// <summary>Predict and the training step allocate nothing on the heap once warmed up.</summary>
[Collection(AllocationCounting.Name)]
public sealed class AllocationTests
{
    private const int Calls = 200;

    [Fact]
    public void Predict_allocates_nothing_after_warm_up()
    {
        var network = new MnistMlp();
        var input = new float[MnistMlp.InputLength];
        var output = new float[MnistMlp.OutputLength];
        input.AsSpan().Fill(0.5f);
        Allocations.AssertNone(() => network.Predict(input, output), Calls);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(32)]
    public void Training_step_allocates_nothing_after_warm_up(int batch)
    {
        var network = new MnistMlp();
        var workspace = network.CreateWorkspace(batch);
        var optimizer = new Sgd(0.01f, momentum: 0.9f);
        var inputs = new float[batch * MnistMlp.InputLength];
        inputs.AsSpan().Fill(0.25f);
        var labels = new int[batch];
        Allocations.AssertNone(() => network.TrainStep(workspace, inputs, labels, optimizer), Calls);
    }

    [Fact]
    public void Regression_training_step_allocates_nothing_after_warm_up()
    {
        var network = new TanhRegressor();
        var workspace = network.CreateWorkspace(4);
        var optimizer = new Sgd(0.01f, momentum: 0.5f, nesterov: true);
        var inputs = new float[4 * TanhRegressor.InputLength];
        var targets = new float[4 * TanhRegressor.OutputLength];
        Allocations.AssertNone(() => network.TrainStep(workspace, inputs, targets, optimizer), Calls);
    }

    [Fact]
    public void Convolutional_predict_allocates_nothing_after_warm_up()
    {
        var network = new BenchCnn();
        var input = new float[BenchCnn.InputLength];
        var output = new float[BenchCnn.OutputLength];
        input.AsSpan().Fill(0.5f);
        Allocations.AssertNone(() => network.Predict(input, output), Calls);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(64)]
    public void Convolutional_training_step_allocates_nothing_after_warm_up(int batch)
    {
        var network = new BenchCnn();
        var workspace = network.CreateWorkspace(batch);
        var optimizer = new Sgd(0.01f, momentum: 0.9f);
        var inputs = new float[batch * BenchCnn.InputLength];
        inputs.AsSpan().Fill(0.25f);
        var labels = new int[batch];
        Allocations.AssertNone(() => network.TrainStep(workspace, inputs, labels, optimizer), calls: 20);
    }

    /// <summary>A residual graph, whose sums are joined to the ReLU after them (<c>Merging.AddReLU</c>), in both passes.</summary>
    [Fact]
    public void Residual_predict_and_training_step_allocate_nothing_after_warm_up()
    {
        var network = new ResidualNet();
        var input = new float[ResidualNet.InputLength];
        var output = new float[ResidualNet.OutputLength];
        input.AsSpan().Fill(0.5f);
        Allocations.AssertNone(() => network.Predict(input, output), Calls);
        const int batch = 16;
        var workspace = network.CreateWorkspace(batch);
        var optimizer = new Sgd(0.01f, momentum: 0.9f);
        var inputs = new float[batch * ResidualNet.InputLength];
        inputs.AsSpan().Fill(0.25f);
        var labels = new int[batch];
        Allocations.AssertNone(() => network.TrainStep(workspace, inputs, labels, optimizer), calls: 20);
    }

    [Fact]
    public void Dropout_and_batch_normalization_training_step_allocates_nothing_after_warm_up()
    {
        var network = new DropoutBatchNormNet();
        var workspace = network.CreateWorkspace(8);
        var optimizer = new AdamW(0.001f, weightDecay: 0.01f);
        var inputs = new float[8 * DropoutBatchNormNet.InputLength];
        inputs.AsSpan().Fill(0.25f);
        var labels = new int[8];
        Allocations.AssertNone(() => network.TrainStep(workspace, inputs, labels, optimizer), Calls);
    }

    [Fact]
    public void Products_allocate_nothing_after_warm_up()
    {
        var a = new float[256 * 300];
        var b = new float[300 * 256];
        var c = new float[256 * 256];
        var bias = new float[256];
        Allocations.AssertNone(() =>
        {
            Gemm.AB(a, b, c, 256, 256, 300);
            Gemm.ABtAddBias(a, b, bias, c, 256, 256, 300);
            Gemm.ABtAddBias(a, b, bias, c, 8, 256, 300);
            Gemm.AtB(a, b, c, 256, 256, 300, accumulate: true);
        }, calls: 20);
    }
}
