using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using Butterfly.Bench.Workloads;

namespace Butterfly.Bench.Quick;

/// <summary>
/// The quick mode: each workload is warmed up, then timed in several runs of many rounds; the table reports the
/// median run. Allocated bytes come from <see cref="GC.GetAllocatedBytesForCurrentThread"/> around each timed loop
/// (the largest over the runs, divided by the rounds), so a workload that allocates shows it.
/// </summary>
internal static class QuickBench
{
    private const int Runs = 7;

    /// <summary>The least warm-up per workload.</summary>
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(2);

    /// <summary>The rows, in table order.</summary>
    public static IReadOnlyList<Func<QuickWorkload>> Workloads { get; } =
    [
        () => new MlpPredict(),
        () => new MlpPredictOnnxRuntime(),
        () => new MlpMiniBatchTraining(),
        () => new MlpOnlineTraining(),
        () => new WideMlpTraining(),
        () => new Sgemm1024(),
        () => new CnnPredict(),
        () => new CnnPredictOnnxRuntime(),
        () => new CnnTraining(),
    ];

    public static int Run(IReadOnlyList<string> only)
    {
        var rows = new List<string>();
        foreach (var create in Workloads)
        {
            var workload = create();
            if (only.Count > 0 && !only.Contains(workload.Id, StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }

            Console.Error.WriteLine($"{workload.Id}: {workload.Description}...");
            rows.Add(Measure(workload));
        }

        Console.WriteLine();
        Console.WriteLine("| id | workload | value | unit | allocated B/op |");
        Console.WriteLine("|---|---|---|---|---|");
        foreach (var row in rows)
        {
            Console.WriteLine(row);
        }

        return 0;
    }

    private static string Measure(QuickWorkload workload)
    {
        workload.Setup();
        try
        {
            int rounds = workload.RoundsPerRun;
            // Warm-up: lets tiered compilation reach its final code and the worker pool start. A kernel called once per
            // round needs 30 calls and then a quiet spell before its optimized code is in, so three runs are not always
            // enough: a training round of W4 or W7 would otherwise be timed partly in unoptimized code.
            long warmUpStart = Stopwatch.GetTimestamp();
            for (int i = 0; i < 3 || Stopwatch.GetElapsedTime(warmUpStart) < WarmUp; i++)
            {
                TimedRun(workload, rounds, out _);
            }

            var seconds = new double[Runs];
            var cpuSeconds = new double[Runs];
            long allocated = 0;
            using var process = Process.GetCurrentProcess();
            for (int run = 0; run < Runs; run++)
            {
                process.Refresh();
                var cpuBefore = process.TotalProcessorTime;
                seconds[run] = TimedRun(workload, rounds, out long bytes) / rounds;
                process.Refresh();
                cpuSeconds[run] = (process.TotalProcessorTime - cpuBefore).TotalSeconds / rounds / workload.BusyThreads;
                allocated = Math.Max(allocated, bytes / rounds);
            }

            Array.Sort(seconds);
            Array.Sort(cpuSeconds);
            double value = workload.ValueOf(seconds[Runs / 2]);
            string spread = string.Join(" ", seconds.Select(s => workload.ValueOf(s).ToString("G4", CultureInfo.InvariantCulture)));
            Console.Error.WriteLine($"  {workload.Id} runs ({workload.Unit}): {spread}");
            // On a shared, loaded machine wall time includes waiting for a core; CPU time per busy thread does not
            // (it does include spinning), so this is roughly what an unloaded machine would show.
            Console.Error.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"  {workload.Id} from CPU time ({workload.BusyThreads} busy threads): {Format(workload.ValueOf(cpuSeconds[Runs / 2]))} {workload.Unit}"));
            return string.Create(
                CultureInfo.InvariantCulture,
                $"| {workload.Id} | {workload.Description} | {Format(value)} | {workload.Unit} | {allocated} |");
        }
        finally
        {
            workload.Cleanup();
        }
    }

    private static double TimedRun(QuickWorkload workload, int rounds, out long allocated)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < rounds; i++)
        {
            workload.Round();
        }

        double elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;
        allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        return elapsed;
    }

    private static string Format(double value) =>
        value >= 1000 ? value.ToString("N0", CultureInfo.InvariantCulture) : value.ToString("0.00", CultureInfo.InvariantCulture);
}
