using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using Butterfly.Bench.Workloads;

namespace Butterfly.Bench.Quick;

/// <summary>
/// The quick mode: each workload is warmed up, then timed in several runs of many rounds (<see cref="WorkloadTiming"/>);
/// the table reports the median run, and a workload that allocates shows it. A row compared with another (an ONNX
/// Runtime row with its Butterfly row) takes turns with it, run by run.
/// </summary>
internal static class QuickBench
{
    private const int Runs = 7;

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
        () => new ResNetPredict(),
        () => new ResNetPredictOnnxRuntime(),
        () => new ResNetTraining(),
    ];

    public static int Run(IReadOnlyList<string> only)
    {
        var selected = Workloads.Select(create => create())
            .Where(workload => only.Count == 0 || only.Contains(workload.Id, StringComparer.OrdinalIgnoreCase))
            .ToList();
        var rows = new List<string>();
        while (selected.Count > 0)
        {
            var workload = selected[0];
            selected.RemoveAt(0);
            var rival = selected.FirstOrDefault(other => other.ComparedWith == workload.Id);
            if (rival is null)
            {
                rows.AddRange(Measure(workload));
            }
            else
            {
                selected.Remove(rival);
                rows.AddRange(Measure(workload, rival));
            }
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

    /// <summary>
    /// Times <paramref name="workloads"/> together: each is set up and warmed up, then they take turns run by run, so
    /// that a row and the row it is compared with see the same moments of a noisy machine. For a pair, the ratio of
    /// each run to the run beside it is printed too.
    /// </summary>
    private static string[] Measure(params QuickWorkload[] workloads)
    {
        foreach (var workload in workloads)
        {
            Console.Error.WriteLine($"{workload.Id}: {workload.Description}...");
        }

        var timings = workloads.Select(workload => new WorkloadTiming(workload, Runs)).ToArray();
        using var process = Process.GetCurrentProcess();
        try
        {
            foreach (var timing in timings)
            {
                timing.Start();
            }

            for (int run = 0; run < Runs; run++)
            {
                foreach (var timing in timings)
                {
                    timing.Time(run, process);
                }
            }

            if (timings.Length == 2)
            {
                var ratios = timings[1].Seconds.Zip(timings[0].Seconds, (other, own) => other / own).ToArray();
                Console.Error.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"  {timings[1].Workload.Id} time / {timings[0].Workload.Id} time, run by run: " +
                    $"{string.Join(" ", ratios.Select(r => r.ToString("0.00", CultureInfo.InvariantCulture)))}; median {ratios.Order().ElementAt(Runs / 2):0.00}"));
            }

            return timings.Select(timing => timing.Report()).ToArray();
        }
        finally
        {
            foreach (var timing in timings)
            {
                timing.Stop();
            }
        }
    }
}
