using System;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Linq;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Butterfly.Generator;
using Microsoft.CodeAnalysis.CSharp;

namespace Butterfly.Bench.GeneratorCost;

/// <summary>
/// Times the Butterfly generator the way the compiler drives it (wall time of <c>RunGenerators</c>, which includes the
/// driver's own work of finding attributed types and turning the added sources into syntax trees): a cold run (a new driver, nothing cached, as in a
/// fresh build) and a run after an edit to a file without networks (the IDE's case on every keystroke).
/// </summary>
internal static class GeneratorTimer
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly ImmutableArray<MetadataReference> References =
    [
        .. Net100.References.All,
        MetadataReference.CreateFromFile(typeof(NetworkAttribute).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(INetwork).Assembly.Location),
    ];

    public static Measurement Measure(Workload workload, int runs)
    {
        var trees = workload.Sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, ParseOptions, $"Network{i}.cs")).ToList();
        var unrelated = CSharpSyntaxTree.ParseText(Workload.UnrelatedCode(0), ParseOptions, "Arithmetic.cs");
        var compilation = CSharpCompilation.Create(
            "GeneratorCost", [.. trees, unrelated], References, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

        var first = Cold(compilation, out int generatedFiles, out long generatedChars);
        var cold = new double[runs];
        for (int i = 0; i < runs; i++)
        {
            // A fresh compilation each time, as a new build has: nothing bound or cached from the run before.
            var fresh = CSharpCompilation.Create(compilation.AssemblyName, compilation.SyntaxTrees, References, compilation.Options);
            cold[i] = Cold(fresh, out _, out _);
        }

        GeneratorDriver driver = CreateDriver().RunGenerators(compilation);
        var edited = new double[runs];
        for (int i = 0; i < runs; i++)
        {
            var edit = CSharpSyntaxTree.ParseText(Workload.UnrelatedCode(i + 1), ParseOptions, "Arithmetic.cs");
            compilation = compilation.ReplaceSyntaxTree(unrelated, edit);
            unrelated = edit;
            long start = Stopwatch.GetTimestamp();
            driver = driver.RunGenerators(compilation);
            edited[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        return new Measurement(workload, generatedFiles, generatedChars, first, Median(cold), Median(edited));
    }

    private static double Cold(Compilation compilation, out int files, out long chars)
    {
        var driver = CreateDriver();
        long start = Stopwatch.GetTimestamp();
        driver = driver.RunGenerators(compilation);
        double elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        var result = driver.GetRunResult();
        var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("The workload does not generate cleanly: " + errors[0]);
        }

        files = result.GeneratedTrees.Length;
        chars = result.GeneratedTrees.Sum(tree => (long)tree.Length);
        return elapsed;
    }

    private static GeneratorDriver CreateDriver() =>
        CSharpGeneratorDriver.Create([new NetworkGenerator().AsSourceGenerator()], parseOptions: ParseOptions);

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}

/// <summary>The generator's time over one workload, in milliseconds.</summary>
internal sealed record Measurement(Workload Workload, int GeneratedFiles, long GeneratedChars, double FirstRun, double ColdMedian, double EditMedian);
