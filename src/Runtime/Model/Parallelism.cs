using System;

namespace Butterfly;

/// <summary>
/// How many threads the runtime's kernels may use. Results are bit-identical for a given thread count.
/// </summary>
public static class Parallelism
{
    private static int s_threadCount = Environment.ProcessorCount;

    /// <summary>
    /// The most threads a kernel uses, from 1 to <see cref="Environment.ProcessorCount"/> times 4. Defaults to
    /// every core. Set it before training starts, not while a step runs.
    /// </summary>
    public static int ThreadCount
    {
        get => s_threadCount;
        set
        {
            if (value < 1 || value > Environment.ProcessorCount * 4)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(ThreadCount), value, $"ThreadCount must be from 1 to {Environment.ProcessorCount * 4}.");
            }

            s_threadCount = value;
        }
    }
}
