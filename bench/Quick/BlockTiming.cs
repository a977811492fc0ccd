using System;
using System.Diagnostics;

namespace Butterfly.Bench.Quick;

/// <summary>
/// Times one candidate setting of a row in a block of runs of its own, for rows that try several settings in
/// set-up and keep the fastest (a peer's thread counts, Predict's thread counts).
/// </summary>
internal static class BlockTiming
{
    /// <summary>Seconds per round: a second of warm-up, then the median of five runs of a fifth of the row's rounds.</summary>
    public static double SecondsPerRound(QuickWorkload workload)
    {
        long start = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(start).TotalSeconds < 1)
        {
            workload.Round();
        }

        int rounds = Math.Max(1, workload.RoundsPerRun / 5);
        var runs = new double[5];
        for (int run = 0; run < runs.Length; run++)
        {
            start = Stopwatch.GetTimestamp();
            for (int i = 0; i < rounds; i++)
            {
                workload.Round();
            }

            runs[run] = Stopwatch.GetElapsedTime(start).TotalSeconds / rounds;
        }

        Array.Sort(runs);
        return runs[runs.Length / 2];
    }
}
