using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;

namespace Butterfly.Bench.Quick;

/// <summary>
/// The timed runs of one workload: set up and warmed up once, then run by run. Allocated bytes come from
/// <see cref="GC.GetAllocatedBytesForCurrentThread"/> around each timed loop: the largest over the runs, per round.
/// </summary>
internal sealed class WorkloadTiming(QuickWorkload workload, int runs)
{
    /// <summary>The least warm-up per workload.</summary>
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(2);

    private readonly double[] _seconds = new double[runs];
    private readonly double[] _cpuSeconds = new double[runs];
    private long _allocated;
    private bool _started;

    public QuickWorkload Workload => workload;

    /// <summary>Seconds per round of each run so far, in run order.</summary>
    public double[] Seconds => _seconds;

    /// <summary>Sets the workload up and runs it until tiered compilation has reached its final code.</summary>
    public void Start()
    {
        workload.Setup();
        _started = true;
        // A kernel called once per round needs 30 calls and then a quiet spell before its optimized code is in, so
        // three runs are not always enough: a training round of W4 or W7 would otherwise be timed partly in
        // unoptimized code.
        long warmUpStart = Stopwatch.GetTimestamp();
        for (int i = 0; i < 3 || Stopwatch.GetElapsedTime(warmUpStart) < WarmUp; i++)
        {
            TimedRun(out _);
        }
    }

    /// <summary>Times run <paramref name="run"/>: wall and CPU seconds per round, and the bytes it allocated.</summary>
    public void Time(int run, Process process)
    {
        process.Refresh();
        var cpuBefore = process.TotalProcessorTime;
        _seconds[run] = TimedRun(out long bytes) / workload.RoundsPerRun;
        process.Refresh();
        _cpuSeconds[run] = (process.TotalProcessorTime - cpuBefore).TotalSeconds / workload.RoundsPerRun / workload.BusyThreads;
        _allocated = Math.Max(_allocated, bytes / workload.RoundsPerRun);
    }

    /// <summary>Releases what the workload set up, if it got that far.</summary>
    public void Stop()
    {
        if (_started)
        {
            workload.Cleanup();
            _started = false;
        }
    }

    /// <summary>Prints the spread and the CPU-time estimate and returns the table row (the median run).</summary>
    public string Report(Machine machine)
    {
        var seconds = _seconds.Order().ToArray();
        var cpuSeconds = _cpuSeconds.Order().ToArray();
        string spread = string.Join(" ", seconds.Select(s => workload.ValueOf(s).ToString("G4", CultureInfo.InvariantCulture)));
        Console.Error.WriteLine($"  {workload.Id} runs ({workload.Unit}): {spread}");
        // On a shared, loaded machine wall time includes waiting for a core; CPU time per busy thread does not (it
        // does include spinning), so this is roughly what an unloaded machine would show.
        Console.Error.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"  {workload.Id} from CPU time ({workload.BusyThreads} busy threads): {Format(workload.ValueOf(cpuSeconds[runs / 2]))} {workload.Unit}"));
        double value = workload.ValueOf(seconds[runs / 2]);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"| {workload.Id} | {workload.Description} | {Format(value)} | {workload.Unit} | {_allocated} | {workload.Note(value, machine)} |");
    }

    public static string Format(double value) =>
        value >= 1000 ? value.ToString("N0", CultureInfo.InvariantCulture) : value.ToString("0.00", CultureInfo.InvariantCulture);

    private double TimedRun(out long allocated)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < workload.RoundsPerRun; i++)
        {
            workload.Round();
        }

        double elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;
        allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        return elapsed;
    }
}
