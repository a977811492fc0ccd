using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Butterfly.Generator.Tests.Harness;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Butterfly.Generator.Tests.Fuzzing;

/// <summary>
/// Runs a generator over a batch of independent cases in one compilation and judges each case. A case passes when
/// the generator did not throw and either reported an error, or the case's sources as written have a compiler error,
/// or else the generated code compiles with no error and no warning, adds no error to the user's files, and every
/// <c>[Network]</c> class received generated code. A problem that appears only inside generated code is a failure: the
/// user could not fix it where they wrote the declaration. A warning that generation adds to the user's own code is
/// not (a class derived from a network may hide a generated member, and C# rightly says so at that member).
/// </summary>
internal static partial class FuzzCompilation
{
    /// <summary>The generator's warnings, which a fuzzed declaration may fairly draw.</summary>
    private static readonly string[] Warnings = ["BF0027", "BF0044", "BF0067"];

    /// <summary>
    /// The outcome of every case, or null when something happened that cannot be pinned on one case (the generator
    /// threw, which loses the whole run's output, or a diagnostic or file belongs to no case): the caller then compiles
    /// each case alone.
    /// </summary>
    public static IReadOnlyList<CaseOutcome>? Run(IReadOnlyList<ParsedCase> cases, ISourceGenerator generator)
    {
        bool alone = cases.Count == 1;
        var input = TestCompilation.Create(cases.SelectMany(c => c.Trees));
        GeneratorDriver driver = CSharpGeneratorDriver.Create([generator], parseOptions: TestCompilation.ParseOptions);
        driver = driver.RunGeneratorsAndUpdateCompilation(input, out var output, out var driverDiagnostics);
        var result = driver.GetRunResult().Results.Single();

        var anomalies = new List<string>();
        if (result.Exception is not null)
        {
            anomalies.Add("The generator threw " + result.Exception);
        }

        // The driver repeats what the generator reported; anything else (CS8785, "generator failed") is the driver's own.
        var reported = result.Diagnostics.ToHashSet();
        anomalies.AddRange(driverDiagnostics.Where(d => !reported.Contains(d)).Select(d => "The generator driver reported " + d));

        // Generator diagnostics carry a file path and span rather than a tree (the pipeline caches them as plain data),
        // so they are matched to cases by path.
        var owners = new Dictionary<string, ParsedCase>(StringComparer.Ordinal);
        foreach (var fuzzCase in cases)
        {
            foreach (var tree in fuzzCase.Trees)
            {
                owners[tree.FilePath] = fuzzCase;
            }
        }

        var generated = cases.ToDictionary(c => c, _ => new List<GeneratedSourceResult>());
        foreach (var source in result.GeneratedSources)
        {
            string first = source.HintName.Split('.')[0].ToLowerInvariant();
            var owner = alone ? cases[0] : cases.SingleOrDefault(c => c.Declares.Contains(first));
            if (owner is null)
            {
                anomalies.Add($"The generated file {source.HintName} belongs to no case.");
                continue;
            }

            owners[source.SyntaxTree.FilePath] = owner;
            generated[owner].Add(source);
        }

        var inputDiagnostics = input.GetDiagnostics();
        var outputDiagnostics = output.GetDiagnostics();
        var generatorDiagnostics = result.Diagnostics;
        foreach (var orphan in inputDiagnostics.Concat(outputDiagnostics).Concat(generatorDiagnostics)
                     .Where(d => d.Severity >= DiagnosticSeverity.Warning && (PathOf(d) is not { } path || !owners.ContainsKey(path))))
        {
            anomalies.Add("A diagnostic outside every case's files: " + orphan);
        }

        if (anomalies.Count > 0 && !alone)
        {
            return null;
        }

        return cases.Select(c => Judge(c, alone ? anomalies : [], OwnedBy(c, inputDiagnostics), OwnedBy(c, generatorDiagnostics), OwnedBy(c, outputDiagnostics), generated[c], output)).ToList();

        IReadOnlyList<Diagnostic> OwnedBy(ParsedCase fuzzCase, IEnumerable<Diagnostic> diagnostics) =>
            diagnostics.Where(d => PathOf(d) is { } path ? owners.GetValueOrDefault(path) == fuzzCase : alone).ToList();
    }

    private static string? PathOf(Diagnostic diagnostic) =>
        diagnostic.Location.Kind is LocationKind.SourceFile or LocationKind.ExternalFile ? diagnostic.Location.GetLineSpan().Path : null;

    private static CaseOutcome Judge(
        ParsedCase fuzzCase,
        IReadOnlyList<string> anomalies,
        IReadOnlyList<Diagnostic> inputDiagnostics,
        IReadOnlyList<Diagnostic> generatorDiagnostics,
        IReadOnlyList<Diagnostic> outputDiagnostics,
        IReadOnlyList<GeneratedSourceResult> generated,
        Compilation output)
    {
        var compilerErrors = inputDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.Id).Distinct().ToList();
        var generatorErrors = generatorDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.Id).Distinct().ToList();
        var problems = new List<string>(anomalies);
        // The generator's warnings are fair verdicts on a fuzzed declaration: an output nothing reads (BF0044), pooling
        // windows that leave rows out (BF0027), a clamp with no bound (BF0067); any other non-error is not.
        problems.AddRange(generatorDiagnostics.Where(d => d.Severity != DiagnosticSeverity.Error && !Warnings.Contains(d.Id)).Select(d => "The generator reported a non-error: " + d));
        var generatedTrees = generated.Select(g => g.SyntaxTree).ToHashSet();
        bool excused = compilerErrors.Count > 0 || generatorErrors.Count > 0;
        if (!excused)
        {
            problems.AddRange(outputDiagnostics
                .Where(d => d.Severity >= DiagnosticSeverity.Warning && generatedTrees.Contains(d.Location.SourceTree!))
                .Select(d => "Generated code: " + d));

            var before = inputDiagnostics.Select(Key).ToHashSet();
            problems.AddRange(outputDiagnostics
                .Where(d => d.Severity == DiagnosticSeverity.Error && !generatedTrees.Contains(d.Location.SourceTree!) && !before.Contains(Key(d)))
                .Select(d => "The user's code, only after generation: " + d));

            problems.AddRange(SilentNetworks(fuzzCase, output, generatedTrees)
                .Select(name => $"[Network] class {name} got neither an error nor generated code."));
        }

        var layers = excused ? [] : generated.SelectMany(g => Layers(g.SourceText.ToString())).Distinct().ToList();
        string? failure = problems.Count == 0 ? null : FailureReport.Describe(fuzzCase, problems, outputDiagnostics, generated);
        return new CaseOutcome(fuzzCase, failure, !excused && generated.Count > 0 && problems.Count == 0, generatorErrors, compilerErrors, layers);
    }

    private static (string Id, string? Path, Microsoft.CodeAnalysis.Text.TextSpan Span) Key(Diagnostic diagnostic) =>
        (diagnostic.Id, diagnostic.Location.SourceTree?.FilePath, diagnostic.Location.SourceSpan);

    /// <summary>Classes of the case that carry <c>[Network]</c> but have no part in a generated file.</summary>
    private static IEnumerable<string> SilentNetworks(ParsedCase fuzzCase, Compilation output, HashSet<SyntaxTree> generatedTrees)
    {
        foreach (var tree in fuzzCase.Trees)
        {
            var model = output.GetSemanticModel(tree);
            foreach (var declaration in tree.GetRoot().DescendantNodes().OfType<TypeDeclarationSyntax>())
            {
                if (model.GetDeclaredSymbol(declaration) is { } type
                    && type.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == "Butterfly.NetworkAttribute")
                    && !type.DeclaringSyntaxReferences.Any(r => generatedTrees.Contains(r.SyntaxTree)))
                {
                    yield return type.ToDisplayString();
                }
            }
        }
    }

    /// <summary>The layer kinds named in a generated <c>Signature</c> constant: <c>"Input(4) Dense(3) Sigmoid"</c>.</summary>
    private static IEnumerable<string> Layers(string generatedCode)
    {
        var signature = SignaturePattern().Match(generatedCode);
        return signature.Success
            ? ArgumentsPattern().Replace(signature.Groups[1].Value, "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            : [];
    }

    [GeneratedRegex("const string Signature = \"([^\"]*)\"")]
    private static partial Regex SignaturePattern();

    [GeneratedRegex(@"\([^)]*\)")]
    private static partial Regex ArgumentsPattern();
}
