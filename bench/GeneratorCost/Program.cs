using System;
using System.Globalization;
using Butterfly.Bench.GeneratorCost;

// Measures what the Butterfly generator adds to a build and to the IDE's work after an edit.
// Usage: dotnet run -c Release --project bench/GeneratorCost [-- --runs N]
int runs = 21;
if (args.Length == 2 && args[0] == "--runs" && int.TryParse(args[1], NumberStyles.None, CultureInfo.InvariantCulture, out int parsed) && parsed > 0)
{
    runs = parsed;
}
else if (args.Length != 0)
{
    Console.Error.WriteLine("usage: GeneratorCost [--runs N]   (N > 0, default 21)");
    return 2;
}

Console.WriteLine($"Wall time of CSharpGeneratorDriver.RunGenerators, median of {runs} runs ({Environment.ProcessorCount} cores, .NET {Environment.Version}).");
Console.WriteLine();
Console.WriteLine("| workload | generated | first run in process (JIT) | cold run, median | after an unrelated edit, median |");
Console.WriteLine("|---|---|---|---|---|");
foreach (var workload in new[] { Workload.DeepNetwork(30), Workload.ManyNetworks(50) })
{
    var m = GeneratorTimer.Measure(workload, runs);
    Console.WriteLine(string.Create(
        CultureInfo.InvariantCulture,
        $"| {workload.Name} | {m.GeneratedFiles} files, {m.GeneratedChars / 1024.0:F0} KiB | {m.FirstRun:F1} ms | {m.ColdMedian:F2} ms | {m.EditMedian:F3} ms |"));
}

return 0;
