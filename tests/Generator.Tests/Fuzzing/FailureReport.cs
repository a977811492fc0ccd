using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;

namespace Butterfly.Generator.Tests.Fuzzing;

/// <summary>
/// The message for a failed case: how to rerun it alone, what went wrong, the case's sources with line numbers, and the
/// generated lines the compiler complains about.
/// </summary>
internal static class FailureReport
{
    public static string Describe(ParsedCase fuzzCase, IEnumerable<string> problems, IEnumerable<Diagnostic> diagnostics, IReadOnlyList<GeneratedSourceResult> generated)
    {
        var text = new StringBuilder();
        text.Append($"Fuzz case {fuzzCase.Case.Index} of seed {fuzzCase.Case.Seed} ({string.Join(", ", fuzzCase.Case.Edits)}).\n");
        text.Append($"Rerun it alone: {FuzzSettings.SeedVariable}={fuzzCase.Case.Seed} {FuzzSettings.CaseVariable}={fuzzCase.Case.Index} ");
        text.Append("dotnet test tests/Generator.Tests -c Release --filter FullyQualifiedName~GeneratorFuzzTests\n");
        foreach (string problem in problems)
        {
            text.Append("  - ").Append(problem).Append('\n');
        }

        foreach (var source in fuzzCase.Sources)
        {
            text.Append("---- ").Append(source.Path).Append(" ----\n");
            AppendNumbered(text, source.Text.Split('\n'), _ => true);
        }

        var flagged = diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning && d.Location.IsInSource).ToList();
        foreach (var file in generated)
        {
            var lines = flagged
                .Where(d => d.Location.SourceTree == file.SyntaxTree)
                .Select(d => d.Location.GetLineSpan().StartLinePosition.Line)
                .ToHashSet();
            if (lines.Count > 0)
            {
                text.Append("---- generated ").Append(file.HintName).Append(" (lines near the diagnostics) ----\n");
                AppendNumbered(text, file.SourceText.ToString().Split('\n'), line => lines.Any(l => Math.Abs(l - line) <= 2));
            }
        }

        return text.ToString();
    }

    private static void AppendNumbered(StringBuilder text, string[] lines, Func<int, bool> include)
    {
        for (int i = 0; i < lines.Length; i++)
        {
            if (include(i))
            {
                text.Append($"{i + 1,4}: ").Append(lines[i]).Append('\n');
            }
        }
    }
}
