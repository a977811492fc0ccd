using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Butterfly.Generator.Tests.Fuzzing;

/// <summary>The outcomes of a fuzz run, with a summary of what it reached.</summary>
internal sealed record FuzzReport(int Seed, IReadOnlyList<CaseOutcome> Outcomes, int Compilations, TimeSpan Elapsed)
{
    /// <summary>At most this many failures are written out in full; the rest are counted.</summary>
    private const int FailuresShown = 5;

    public IReadOnlyList<CaseOutcome> Failures => Outcomes.Where(o => o.Failure is not null).ToList();

    public int CleanCodeCases => Outcomes.Count(o => o.GeneratedCleanCode);

    /// <summary>How many cases compiled each layer kind into clean code.</summary>
    public IReadOnlyDictionary<string, int> CompiledLayerCounts =>
        Outcomes.Where(o => o.GeneratedCleanCode).SelectMany(o => o.CompiledLayers).GroupBy(k => k).ToDictionary(g => g.Key, g => g.Count());

    public string Summary
    {
        get
        {
            var text = new StringBuilder();
            text.Append($"Seed {Seed}: {Outcomes.Count} cases in {Compilations} compilations, {Elapsed.TotalSeconds:F1} s.\n");
            text.Append($"  clean generated code: {CleanCodeCases}\n");
            text.Append($"  generator errors: {Outcomes.Count(o => o.GeneratorErrors.Count > 0)} ({Tally(o => o.GeneratorErrors)})\n");
            text.Append($"  compiler errors in the declaration: {Outcomes.Count(o => o.CompilerErrors.Count > 0)} ({Tally(o => o.CompilerErrors, 12)})\n");
            text.Append($"  failures: {Failures.Count}\n");
            text.Append($"  layer kinds in clean code: {string.Join(", ", CompiledLayerCounts.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value}"))}\n");
            text.Append($"  edits: {string.Join(", ", Outcomes.SelectMany(o => o.Case.Case.Edits).GroupBy(e => e).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count()}"))}\n");
            return text.ToString();
        }
    }

    /// <summary>Every failure in full, for <see cref="FuzzSettings.ReportPath"/>.</summary>
    public string AllFailures => Summary + "\n" + string.Join("\n", Failures.Select(f => f.Failure));

    public string FailureMessage =>
        $"{Failures.Count} of {Outcomes.Count} fuzz cases broke the generator.\n\n"
        + string.Join("\n", Failures.Take(FailuresShown).Select(f => f.Failure))
        + (Failures.Count > FailuresShown ? $"\n... and {Failures.Count - FailuresShown} more: cases {string.Join(", ", Failures.Skip(FailuresShown).Select(f => f.Case.Case.Index))}\n" : "");

    private string Tally(Func<CaseOutcome, IEnumerable<string>> ids, int top = int.MaxValue) =>
        string.Join(", ", Outcomes.SelectMany(ids).GroupBy(id => id).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Take(top).Select(g => $"{g.Key} {g.Count()}"));
}
