using System;
using System.Globalization;
using System.IO;
using System.Linq;
using Butterfly.Kernels;

namespace Butterfly.Bench.Quick;

/// <summary>
/// What the quick table was measured on: the processor, the kernels' vector path and thread count, the FMA peak of
/// that path on one core and on all the threads the bench uses, and one core's L2 read bandwidth. Rows state their
/// value as a share of these (a GEMM's percentage of peak, a batch-1 prediction's distance from its L2 floor).
/// </summary>
internal sealed class Machine
{
    private Machine(string processor, FmaPeak.Measurement one, FmaPeak.Measurement all, double l2BytesPerSecond, long l2Block)
    {
        Processor = processor;
        PeakOne = one;
        PeakAll = all;
        L2BytesPerSecond = l2BytesPerSecond;
        L2Block = l2Block;
    }

    public string Processor { get; }

    /// <summary>The FMA peak of one thread.</summary>
    public FmaPeak.Measurement PeakOne { get; }

    /// <summary>The FMA peak of <see cref="Parallelism.ThreadCount"/> threads at once.</summary>
    public FmaPeak.Measurement PeakAll { get; }

    /// <summary>One core reading a block of <see cref="L2Block"/> bytes again and again.</summary>
    public double L2BytesPerSecond { get; }

    public long L2Block { get; }

    /// <summary>Measures the machine; <paramref name="l2Block"/> is the block the L2 bandwidth is read over (W1's weights).</summary>
    public static Machine Measure(long l2Block)
    {
        var one = FmaPeak.Measure(1);
        var all = Parallelism.ThreadCount == 1 ? one : FmaPeak.Measure(Parallelism.ThreadCount);
        return new Machine(DescribeProcessor(), one, all, L2Bandwidth.Measure(l2Block), l2Block);
    }

    /// <summary>The peak of the threads a kernel uses: one, or <see cref="Parallelism.ThreadCount"/>.</summary>
    public double PeakFor(int threads) => threads == 1 ? PeakOne.GFlops : PeakAll.GFlops;

    /// <summary><paramref name="gflops"/> as a percentage of the peak of <paramref name="threads"/> threads.</summary>
    public string ShareOfPeak(double gflops, int threads) => string.Create(
        CultureInfo.InvariantCulture,
        $"{gflops:0.0} GFLOP/s = {100 * gflops / PeakFor(threads):0}% of the {threads}-thread FMA peak");

    public void Print()
    {
        Console.WriteLine($"machine: {Processor}; {Environment.ProcessorCount} logical processors; .NET {Environment.Version}");
        Console.WriteLine($"vector path: {PathName(Simd.Path)}; threads: {Parallelism.ThreadCount}");
        Console.WriteLine($"fp32 FMA peak ({PathName(Simd.Path)}, register-only loop): {DescribePeaks(PeakOne, PeakAll)}");
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"L2 read bandwidth, one core, a {L2Block / 1024.0:0} KB block: {L2BytesPerSecond / 1e9:0.0} GB/s"));
    }

    /// <summary>A peak measured again, for the line printed after the table: did the machine change during the run?</summary>
    public static string Remeasure()
    {
        var one = FmaPeak.Measure(1);
        var all = Parallelism.ThreadCount == 1 ? one : FmaPeak.Measure(Parallelism.ThreadCount);
        return $"fp32 FMA peak measured again after the table: {DescribePeaks(one, all)}";
    }

    private static string DescribePeaks(FmaPeak.Measurement one, FmaPeak.Measurement all) =>
        Parallelism.ThreadCount == 1 ? $"1 thread {Describe(one)}" : $"1 thread {Describe(one)}; {Parallelism.ThreadCount} threads {Describe(all)}";

    private static string Describe(FmaPeak.Measurement peak) => string.Create(
        CultureInfo.InvariantCulture,
        $"{peak.GFlops:0.0} GFLOP/s ({(peak.Stable ? $"three consecutive runs within 1%, after {peak.Attempts}" : $"not stable in {peak.Attempts} runs: the best")})");

    private static string PathName(SimdPath path) => path switch
    {
        SimdPath.Vector512 => "AVX-512 (Vector512)",
        SimdPath.Vector256 => "AVX2 + FMA (Vector256)",
        _ => $"portable (Vector<float>, {System.Numerics.Vector<float>.Count} lanes)",
    };

    /// <summary>Model name, family and model from /proc/cpuinfo where there is one; the architecture otherwise.</summary>
    private static string DescribeProcessor()
    {
        const string CpuInfo = "/proc/cpuinfo";
        if (!File.Exists(CpuInfo))
        {
            return System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture.ToString();
        }

        var fields = File.ReadLines(CpuInfo)
            .TakeWhile(line => line.Length > 0)
            .Select(line => line.Split(':', 2))
            .Where(parts => parts.Length == 2)
            .GroupBy(parts => parts[0].Trim())
            .ToDictionary(group => group.Key, group => group.First()[1].Trim());
        string Field(string name) => fields.TryGetValue(name, out var value) ? value : "?";
        return $"{Field("model name")} (vendor {Field("vendor_id")}, family {Field("cpu family")}, model {Field("model")}), cache size {Field("cache size")}";
    }
}
