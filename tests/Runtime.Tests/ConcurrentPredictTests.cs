using System;
using System.Reflection;
using System.Threading;
using Butterfly.Runtime.Tests.Networks;

namespace Butterfly.Runtime.Tests;

/// <summary>Predict promises to be safe from many threads at once: every thread must get the sequential answer, bit for bit.</summary>
public sealed class ConcurrentPredictTests
{
    [Fact]
    public void Mnist_mlp_predicts_the_same_from_many_threads() => PredictsTheSameFromManyThreads(new MnistMlp(seed: 3), samples: 400);

    [Fact]
    public void A_network_with_per_thread_scratch_predicts_the_same_from_many_threads()
    {
        Assert.NotNull(typeof(WideNet).GetField("t_predictScratch", BindingFlags.NonPublic | BindingFlags.Static));
        PredictsTheSameFromManyThreads(new WideNet(seed: 4), samples: 64);
    }

    private static void PredictsTheSameFromManyThreads(INetwork network, int samples)
    {
        var random = new SeededRandom(9);
        var inputs = new float[samples * network.InputLength];
        for (int i = 0; i < inputs.Length; i++)
        {
            inputs[i] = random.NextSingle();
        }

        var expected = new float[samples * network.OutputLength];
        for (int s = 0; s < samples; s++)
        {
            network.Predict(inputs.AsSpan(s * network.InputLength, network.InputLength), expected.AsSpan(s * network.OutputLength, network.OutputLength));
        }

        const int Threads = 8;
        var results = new float[Threads][];
        using var start = new Barrier(Threads);
        var threads = new Thread[Threads];
        for (int t = 0; t < Threads; t++)
        {
            int thread = t;
            results[thread] = new float[expected.Length];
            threads[thread] = new Thread(() =>
            {
                start.SignalAndWait();

                // Each thread walks the samples from a different start, so different samples run at the same moment.
                for (int k = 0; k < samples * 3; k++)
                {
                    int s = (k + thread * samples / Threads) % samples;
                    network.Predict(inputs.AsSpan(s * network.InputLength, network.InputLength), results[thread].AsSpan(s * network.OutputLength, network.OutputLength));
                }
            });
            threads[thread].Start();
        }

        foreach (var thread in threads)
        {
            thread.Join();
        }

        foreach (var result in results)
        {
            Assert.Equal(expected, result);
        }
    }
}
