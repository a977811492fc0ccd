using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using Butterfly.Bench.Workloads;

namespace Butterfly.Bench.Quick;

/// <summary>
/// The quick mode: each workload is warmed up, then timed in several runs of many rounds (<see cref="WorkloadTiming"/>);
/// the table reports the median run, and a workload that allocates shows it. The machine lines come first: the
/// processor, the vector path, the thread count, the FMA peak and the L2 bandwidth the rows are compared with.
/// </summary>
internal static class QuickBench
{
    private const int Runs = 7;

    /// <summary>The rows, in table order.</summary>
    public static IReadOnlyList<Func<QuickWorkload>> Workloads { get; } =
    [
        () => new MlpPredict(),
        () => new MlpPredictOnnxRuntime(),
        () => new MlpPredictImported(),
        () => new MlpMiniBatchTraining(),
        () => new MlpOnlineTraining(),
        () => new WideMlpTraining(),
        () => new Sgemm1024(),
        () => new CnnPredict(),
        () => new CnnPredictOnnxRuntime(),
        () => new CnnPredictImported(),
        () => new CnnTraining(),
        () => new ResNetPredict(),
        () => new ResNetPredictOnnxRuntime(),
        () => new ResNetTraining(),
        () => new RbmTraining(),
        () => new LanguageModelTreeTraining(),
        () => new LanguageModelSoftmaxTraining(),
    ];

    public static int Run(IReadOnlyList<string> only)
    {
        var selected = Workloads.Select(create => create())
            .Where(workload => only.Count == 0 || only.Contains(workload.Id, StringComparer.OrdinalIgnoreCase))
            .ToList();
        var machine = Machine.Measure(MlpPredict.WeightBytes);
        machine.Print();
        var rows = new List<string>();
        while (selected.Count > 0)
        {
            var workload = selected[0];
            selected.RemoveAt(0);
            var rivals = selected.Where(other => other.ComparedWith == workload.Id).ToList();
            selected.RemoveAll(rivals.Contains);
            rows.AddRange(Measure(machine, [workload, .. rivals]));
        }

        Console.WriteLine();
        Console.WriteLine("| id | workload | value | unit | allocated B/op | on this machine |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (var row in rows)
        {
            Console.WriteLine(row);
        }

        Console.WriteLine();
        Console.WriteLine(Machine.Remeasure());

        return 0;
    }

    /// <summary>
    /// Times <paramref name="workloads"/> one after another, each set up, warmed up and run in a block of its own, so
    /// that neither slows the other (ONNX Runtime's worker threads, say, spinning on after its own calls). For a
    /// Butterfly row and the rows compared with it, the ratio of each one's median to the first's is printed too.
    /// </summary>
    private static string[] Measure(Machine machine, params QuickWorkload[] workloads)
    {
        var rows = new string[workloads.Length];
        var medians = new double[workloads.Length];
        using var process = Process.GetCurrentProcess();
        for (int w = 0; w < workloads.Length; w++)
        {
            Console.Error.WriteLine($"{workloads[w].Id}: {workloads[w].Description}...");
            var timing = new WorkloadTiming(workloads[w], Runs);
            try
            {
                timing.Start();
                for (int run = 0; run < Runs; run++)
                {
                    timing.Time(run, process);
                }

                rows[w] = timing.Report(machine);
                medians[w] = timing.Seconds.Order().ElementAt(Runs / 2);
            }
            finally
            {
                timing.Stop();
            }
        }

        for (int w = 1; w < workloads.Length; w++)
        {
            Console.Error.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"  {workloads[w].Id} time / {workloads[0].Id} time (medians, each timed in its own block): {medians[w] / medians[0]:0.00}"));
        }

        return rows;
    }
}
