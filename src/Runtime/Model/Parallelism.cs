using System;

namespace Butterfly;

/// <summary>
/// How many threads the runtime's kernels may use: in training and batch <c>Forward</c> (<see cref="ThreadCount"/>), and
/// in one <c>Predict</c> call (<see cref="PredictThreadCount"/>). Results are bit-identical for any thread count.
/// </summary>
public static class Parallelism
{
    private static int s_threadCount = Environment.ProcessorCount;
    private static int s_predictThreadCount = 1;

    /// <summary>
    /// The most threads a kernel uses, from 1 to <see cref="Environment.ProcessorCount"/> times 4. Defaults to
    /// every core. Set it before training starts, not while a step runs.
    /// </summary>
    public static int ThreadCount
    {
        get => s_threadCount;
        set => s_threadCount = Checked(value, nameof(ThreadCount));
    }

    /// <summary>
    /// The most threads one <c>Predict</c> call uses, from 1 to <see cref="Environment.ProcessorCount"/> times 4.
    /// Defaults to 1: a call runs on the calling thread alone, which suits a server calling <c>Predict</c> from many
    /// threads at once and embedded use. Set it to the core count to cut the latency of one stream of calls: the
    /// layers large enough to gain (a batch-1 product from 2¹⁶ multiply-adds) are then split between the cores, each
    /// keeping its share of the weights in its own L2. Between calls the pool's workers spin for 0.2 ms before they
    /// rest, so back-to-back calls find them awake. Results are bit-identical for every value.
    /// </summary>
    public static int PredictThreadCount
    {
        get => s_predictThreadCount;
        set => s_predictThreadCount = Checked(value, nameof(PredictThreadCount));
    }

    /// <summary>A thread count between 1 and four per core, or an exception naming the property.</summary>
    private static int Checked(int value, string property) =>
        value >= 1 && value <= Environment.ProcessorCount * 4
            ? value
            : throw new ArgumentOutOfRangeException(property, value, $"{property} must be from 1 to {Environment.ProcessorCount * 4}.");
}
