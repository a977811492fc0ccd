using System;
using System.Collections.Generic;
using Butterfly.Kernels;

namespace Butterfly.Runtime.Tests.Kernels;

/// <summary>The instruction-set paths this processor can run, for forcing each in turn, and scoped settings.</summary>
internal static class KernelPaths
{
    public static IEnumerable<SimdPath> Available()
    {
        foreach (var path in Enum.GetValues<SimdPath>())
        {
            if (path <= Simd.Best)
            {
                yield return path;
            }
        }
    }

    /// <summary>Every path by name (xunit data must be public, the path enum is internal).</summary>
    public static TheoryData<string> All()
    {
        var data = new TheoryData<string>();
        foreach (var path in Enum.GetValues<SimdPath>())
        {
            data.Add(path.ToString());
        }

        return data;
    }

    public static SimdPath Parse(string name) => Enum.Parse<SimdPath>(name);

    /// <summary>Sets <see cref="Parallelism.ThreadCount"/> until disposed.</summary>
    public static ThreadCountScope Threads(int count)
    {
        int previous = Parallelism.ThreadCount;
        Parallelism.ThreadCount = count;
        return new ThreadCountScope(previous);
    }

    public readonly struct ThreadCountScope(int previous) : IDisposable
    {
        public void Dispose() => Parallelism.ThreadCount = previous;
    }

    /// <summary>Sets <see cref="Parallelism.PredictThreadCount"/> until disposed.</summary>
    public static PredictThreadCountScope PredictThreads(int count)
    {
        int previous = Parallelism.PredictThreadCount;
        Parallelism.PredictThreadCount = count;
        return new PredictThreadCountScope(previous);
    }

    public readonly struct PredictThreadCountScope(int previous) : IDisposable
    {
        public void Dispose() => Parallelism.PredictThreadCount = previous;
    }
}
