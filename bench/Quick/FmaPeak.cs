using System;
using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Threading;
using Butterfly.Kernels;

namespace Butterfly.Bench.Quick;

/// <summary>
/// The single-precision FMA peak of the vector path the kernels use, measured with a loop that touches only
/// registers: independent accumulator chains, more than FMA latency × FMA ports (4 cycles × 2 ports on Zen 4 and 5,
/// so at least 8 in flight), each <c>acc = acc · x + y</c> with x just below 1 so nothing overflows or goes
/// subnormal. The loops are compiled fully optimized from their first call (no tier-0 code), and a figure is kept
/// only once three consecutive measurements agree.
/// </summary>
internal static class FmaPeak
{
    /// <summary>Each measurement runs for about this long on every thread.</summary>
    private const double SecondsPerMeasurement = 0.05;

    /// <summary>Three consecutive measurements within this fraction of their largest make a figure stable.</summary>
    private const double Agreement = 0.01;

    private const int Attempts = 30;

    /// <summary>The peak with <paramref name="threads"/> threads each running the loop at once.</summary>
    public static Measurement Measure(int threads)
    {
        var (loop, flopsPerIteration) = LoopFor(Simd.Path);
        loop(1000);
        long start = Stopwatch.GetTimestamp();
        loop(1_000_000);
        long iterations = (long)(1_000_000 * SecondsPerMeasurement / Stopwatch.GetElapsedTime(start).TotalSeconds);

        double older = 0, previous = 0, best = 0;
        for (int attempt = 1; attempt <= Attempts; attempt++)
        {
            double current = Once(loop, iterations, threads) * flopsPerIteration / 1e9;
            best = Math.Max(best, current);
            double high = Math.Max(current, Math.Max(previous, older)), low = Math.Min(current, Math.Min(previous, older));
            if (high - low <= Agreement * high)
            {
                return new Measurement(high, Stable: true, attempt);
            }

            (older, previous) = (previous, current);
        }

        return new Measurement(best, Stable: false, Attempts);
    }

    /// <summary>Iterations per second of all threads together, from the moment they are released to the last one's end.</summary>
    private static double Once(Func<long, float> loop, long iterations, int threads)
    {
        using var go = new ManualResetEventSlim(false);
        using var done = new CountdownEvent(threads);
        var workers = new Thread[threads];
        for (int t = 0; t < threads; t++)
        {
            workers[t] = new Thread(() =>
            {
                go.Wait();
                loop(iterations);
                done.Signal();
            });
            workers[t].Start();
        }

        Thread.Sleep(5);
        long start = Stopwatch.GetTimestamp();
        go.Set();
        done.Wait();
        double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        foreach (var worker in workers)
        {
            worker.Join();
        }

        return threads * iterations / seconds;
    }

    private static (Func<long, float> Loop, double FlopsPerIteration) LoopFor(SimdPath path) => path switch
    {
        SimdPath.Vector512 => (Chains512, 16 * 16 * 2),
        SimdPath.Vector256 => (Chains256, 12 * 8 * 2),
        _ => (ChainsVector, 12 * Vector<float>.Count * 2),
    };

    /// <summary>16 chains of 512-bit FMAs (16 of the 32 zmm registers, two more for x and y).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
    private static float Chains512(long iterations)
    {
        var x = Vector512.Create(0.9999999f);
        var y = Vector512.Create(1e-7f);
        Vector512<float> a0 = Vector512<float>.One, a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0;
        Vector512<float> a8 = a0, a9 = a0, a10 = a0, a11 = a0, a12 = a0, a13 = a0, a14 = a0, a15 = a0;
        for (long i = 0; i < iterations; i++)
        {
            a0 = Vector512.FusedMultiplyAdd(a0, x, y);
            a1 = Vector512.FusedMultiplyAdd(a1, x, y);
            a2 = Vector512.FusedMultiplyAdd(a2, x, y);
            a3 = Vector512.FusedMultiplyAdd(a3, x, y);
            a4 = Vector512.FusedMultiplyAdd(a4, x, y);
            a5 = Vector512.FusedMultiplyAdd(a5, x, y);
            a6 = Vector512.FusedMultiplyAdd(a6, x, y);
            a7 = Vector512.FusedMultiplyAdd(a7, x, y);
            a8 = Vector512.FusedMultiplyAdd(a8, x, y);
            a9 = Vector512.FusedMultiplyAdd(a9, x, y);
            a10 = Vector512.FusedMultiplyAdd(a10, x, y);
            a11 = Vector512.FusedMultiplyAdd(a11, x, y);
            a12 = Vector512.FusedMultiplyAdd(a12, x, y);
            a13 = Vector512.FusedMultiplyAdd(a13, x, y);
            a14 = Vector512.FusedMultiplyAdd(a14, x, y);
            a15 = Vector512.FusedMultiplyAdd(a15, x, y);
        }

        return Vector512.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11 + a12 + a13 + a14 + a15);
    }

    /// <summary>12 chains of 256-bit FMAs (12 of the 16 ymm registers, two more for x and y).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
    private static float Chains256(long iterations)
    {
        var x = Vector256.Create(0.9999999f);
        var y = Vector256.Create(1e-7f);
        Vector256<float> a0 = Vector256<float>.One, a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0, a8 = a0, a9 = a0, a10 = a0, a11 = a0;
        for (long i = 0; i < iterations; i++)
        {
            a0 = Vector256.FusedMultiplyAdd(a0, x, y);
            a1 = Vector256.FusedMultiplyAdd(a1, x, y);
            a2 = Vector256.FusedMultiplyAdd(a2, x, y);
            a3 = Vector256.FusedMultiplyAdd(a3, x, y);
            a4 = Vector256.FusedMultiplyAdd(a4, x, y);
            a5 = Vector256.FusedMultiplyAdd(a5, x, y);
            a6 = Vector256.FusedMultiplyAdd(a6, x, y);
            a7 = Vector256.FusedMultiplyAdd(a7, x, y);
            a8 = Vector256.FusedMultiplyAdd(a8, x, y);
            a9 = Vector256.FusedMultiplyAdd(a9, x, y);
            a10 = Vector256.FusedMultiplyAdd(a10, x, y);
            a11 = Vector256.FusedMultiplyAdd(a11, x, y);
        }

        return Vector256.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11);
    }

    /// <summary>12 chains of <see cref="Vector{T}"/> FMAs, for the portable path.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
    private static float ChainsVector(long iterations)
    {
        var x = new Vector<float>(0.9999999f);
        var y = new Vector<float>(1e-7f);
        Vector<float> a0 = Vector<float>.One, a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0, a8 = a0, a9 = a0, a10 = a0, a11 = a0;
        for (long i = 0; i < iterations; i++)
        {
            a0 = Vector.FusedMultiplyAdd(a0, x, y);
            a1 = Vector.FusedMultiplyAdd(a1, x, y);
            a2 = Vector.FusedMultiplyAdd(a2, x, y);
            a3 = Vector.FusedMultiplyAdd(a3, x, y);
            a4 = Vector.FusedMultiplyAdd(a4, x, y);
            a5 = Vector.FusedMultiplyAdd(a5, x, y);
            a6 = Vector.FusedMultiplyAdd(a6, x, y);
            a7 = Vector.FusedMultiplyAdd(a7, x, y);
            a8 = Vector.FusedMultiplyAdd(a8, x, y);
            a9 = Vector.FusedMultiplyAdd(a9, x, y);
            a10 = Vector.FusedMultiplyAdd(a10, x, y);
            a11 = Vector.FusedMultiplyAdd(a11, x, y);
        }

        return Vector.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11);
    }

    /// <summary>A peak in GFLOP/s; <see cref="Stable"/> when three consecutive measurements agreed within 1%.</summary>
    public readonly record struct Measurement(double GFlops, bool Stable, int Attempts);
}
