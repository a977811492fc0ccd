using System;
using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Butterfly.Kernels;

namespace Butterfly.Bench.Quick;

/// <summary>
/// How fast one core reads a block that fits in L2 but not in L1: the floor under a batch-1 prediction, whose weights
/// stream from L2 on every call. The block is summed over and over with the widest vectors the kernels use, eight
/// independent sums so the adds never wait; the best of several measurements is kept (interference only slows it).
/// </summary>
internal static class L2Bandwidth
{
    private const int Measurements = 20;

    /// <summary>Bytes per second reading <paramref name="bytes"/> (rounded up to 512) again and again on this thread.</summary>
    public static unsafe double Measure(long bytes)
    {
        int floats = (int)((bytes + 511) / 512 * 128);
        var block = GC.AllocateArray<float>(floats + 16, pinned: true);
        block.AsSpan().Fill(1f);
        float* start = (float*)(((nint)Unsafe.AsPointer(ref block[0]) + 63) & ~(nint)63);
        bool wide = Simd.Path == SimdPath.Vector512;
        Sum(start, floats, 1, wide);
        long stamp = Stopwatch.GetTimestamp();
        Sum(start, floats, 100, wide);
        int passes = Math.Max(1, (int)(100 * 0.01 / Stopwatch.GetElapsedTime(stamp).TotalSeconds));
        double best = 0;
        for (int i = 0; i < Measurements; i++)
        {
            stamp = Stopwatch.GetTimestamp();
            Sum(start, floats, passes, wide);
            best = Math.Max(best, (double)passes * floats * sizeof(float) / Stopwatch.GetElapsedTime(stamp).TotalSeconds);
        }

        GC.KeepAlive(block);
        return best;
    }

    private static unsafe float Sum(float* block, int floats, int passes, bool wide) =>
        wide ? Sum512(block, floats, passes) : SumVector(block, floats, passes);

    [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
    private static unsafe float Sum512(float* block, int floats, int passes)
    {
        Vector512<float> s0 = default, s1 = default, s2 = default, s3 = default, s4 = default, s5 = default, s6 = default, s7 = default;
        for (int pass = 0; pass < passes; pass++)
        {
            for (float* p = block, end = block + floats; p < end; p += 128)
            {
                s0 += Vector512.Load(p);
                s1 += Vector512.Load(p + 16);
                s2 += Vector512.Load(p + 32);
                s3 += Vector512.Load(p + 48);
                s4 += Vector512.Load(p + 64);
                s5 += Vector512.Load(p + 80);
                s6 += Vector512.Load(p + 96);
                s7 += Vector512.Load(p + 112);
            }
        }

        return Vector512.Sum(s0 + s1 + s2 + s3 + s4 + s5 + s6 + s7);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
    private static unsafe float SumVector(float* block, int floats, int passes)
    {
        int w = Vector<float>.Count;
        Vector<float> s0 = default, s1 = default, s2 = default, s3 = default, s4 = default, s5 = default, s6 = default, s7 = default;
        for (int pass = 0; pass < passes; pass++)
        {
            for (float* p = block, end = block + floats - 8 * w; p <= end; p += 8 * w)
            {
                s0 += Unsafe.ReadUnaligned<Vector<float>>(p);
                s1 += Unsafe.ReadUnaligned<Vector<float>>(p + w);
                s2 += Unsafe.ReadUnaligned<Vector<float>>(p + 2 * w);
                s3 += Unsafe.ReadUnaligned<Vector<float>>(p + 3 * w);
                s4 += Unsafe.ReadUnaligned<Vector<float>>(p + 4 * w);
                s5 += Unsafe.ReadUnaligned<Vector<float>>(p + 5 * w);
                s6 += Unsafe.ReadUnaligned<Vector<float>>(p + 6 * w);
                s7 += Unsafe.ReadUnaligned<Vector<float>>(p + 7 * w);
            }
        }

        return Vector.Sum(s0 + s1 + s2 + s3 + s4 + s5 + s6 + s7);
    }
}
