using System;
using Butterfly.Runtime.Tests.Networks;

namespace Butterfly.Runtime.Tests.Kernels;

/// <summary>
/// Training gives bit-identical weights whatever the thread count: kernels split work by output columns or by
/// samples, so each element is reduced in the same order by whichever thread computes it.
/// </summary>
[Collection(KernelSettingsCollection.Name)]
public sealed class TrainingThreadCountTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(32)]
    [InlineData(100)]
    public void Weights_after_training_are_identical_for_every_thread_count(int batch)
    {
        var reference = Train(threads: 1, batch);
        foreach (int threads in new[] { 2, 3, 8 })
        {
            var other = Train(threads, batch);
            Assert.True(reference.AsSpan().SequenceEqual(other), $"batch {batch}: {threads} threads trained other weights than 1.");
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(40)]
    public void Convolutional_weights_after_training_are_identical_for_every_thread_count(int batch)
    {
        var reference = (Train<BenchCnn>(threads: 1, batch), Train<DeepConvNet>(threads: 1, batch));
        foreach (int threads in new[] { 2, 3, 8 })
        {
            Assert.True(reference.Item1.AsSpan().SequenceEqual(Train<BenchCnn>(threads, batch)), $"BenchCnn, batch {batch}: {threads} threads trained other weights than 1.");
            Assert.True(reference.Item2.AsSpan().SequenceEqual(Train<DeepConvNet>(threads, batch)), $"DeepConvNet, batch {batch}: {threads} threads trained other weights than 1.");
        }
    }

    [Theory]
    [InlineData(9)]
    [InlineData(40)] // 40 samples of 1,024 floats: the gradient copies and sums are split between threads too
    public void Residual_weights_after_training_are_identical_for_every_thread_count(int batch)
    {
        var reference = Train<WideResidualNet>(threads: 1, batch);
        foreach (int threads in new[] { 2, 3, 8 })
        {
            Assert.True(reference.AsSpan().SequenceEqual(Train<WideResidualNet>(threads, batch)), $"batch {batch}: {threads} threads trained other weights than 1.");
        }
    }

    private static float[] Train<TNetwork>(int threads, int batch)
        where TNetwork : INetwork
    {
        using var scope = KernelPaths.Threads(threads);
        var network = (TNetwork)Activator.CreateInstance(typeof(TNetwork), 5)!;
        var workspace = network.CreateWorkspace(batch);
        var optimizer = new Sgd(0.05f, momentum: 0.9f);
        var random = new Random(6);
        var inputs = ReferenceGemm.Random(random, batch * network.InputLength);
        var labels = new int[batch];
        for (int step = 0; step < 3; step++)
        {
            for (int i = 0; i < batch; i++)
            {
                labels[i] = random.Next(network.OutputLength);
            }

            network.TrainStep(workspace, inputs, labels, optimizer);
        }

        return network.Parameters.ToArray();
    }

    private static float[] Train(int threads, int batch)
    {
        using var scope = KernelPaths.Threads(threads);
        var network = new MnistMlp(seed: 9);
        var workspace = network.CreateWorkspace(batch);
        var optimizer = new Sgd(0.05f, momentum: 0.9f);
        var random = new Random(4);
        var inputs = ReferenceGemm.Random(random, batch * MnistMlp.InputLength);
        var labels = new int[batch];
        for (int step = 0; step < 4; step++)
        {
            for (int i = 0; i < batch; i++)
            {
                labels[i] = random.Next(MnistMlp.OutputLength);
            }

            network.TrainStep(workspace, inputs, labels, optimizer);
        }

        return network.Parameters.ToArray();
    }
}
