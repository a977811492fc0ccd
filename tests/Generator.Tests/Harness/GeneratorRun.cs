using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Butterfly.Generator.Tests.Harness;

/// <summary>
/// One run of <see cref="NetworkGenerator"/> over a compilation: what it generated, what it reported, whether it
/// threw, and what the compiler says about the compilation with the generated sources added. The driver keeps its
/// state, so <see cref="Rerun"/> shows what an incremental rebuild recomputes.
/// </summary>
internal sealed class GeneratorRun
{
    private GeneratorRun(GeneratorDriver driver, Compilation input, Compilation output)
    {
        Driver = driver;
        Input = input;
        Output = output;
        Result = driver.GetRunResult().Results.Single();
        Sources = Result.GeneratedSources.Select(s => new GeneratedFile(s.HintName, s.SourceText.ToString())).ToImmutableArray();
    }

    public GeneratorDriver Driver { get; }

    /// <summary>The compilation the generator saw.</summary>
    public Compilation Input { get; }

    /// <summary>The input plus the generated sources.</summary>
    public Compilation Output { get; }

    public GeneratorRunResult Result { get; }

    public ImmutableArray<GeneratedFile> Sources { get; }

    /// <summary>The diagnostics the generator reported (not the compiler's).</summary>
    public ImmutableArray<Diagnostic> GeneratorDiagnostics => Result.Diagnostics;

    /// <summary>What the generator threw, if anything; the driver turns it into warning CS8785 instead of failing.</summary>
    public Exception? Exception => Result.Exception;

    /// <summary>The compiler's errors in the sources as written, before generation.</summary>
    public ImmutableArray<Diagnostic> InputErrors =>
        Input.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToImmutableArray();

    /// <summary>Every compiler diagnostic of the output compilation, generated files included.</summary>
    public ImmutableArray<Diagnostic> OutputDiagnostics => Output.GetDiagnostics();

    public static GeneratorRun Of(params string[] sources) => Of(TestCompilation.Create(sources));

    public static GeneratorRun Of(Compilation compilation) => Run(NewDriver([]), compilation);

    /// <summary>A run on <paramref name="source"/> with <paramref name="files"/> as the project's <c>AdditionalFiles</c>.</summary>
    public static GeneratorRun WithFiles(string source, params AdditionalText[] files) =>
        Run(NewDriver(files), TestCompilation.Create(source));

    /// <summary>Runs the same driver again on <paramref name="next"/>, as an IDE or incremental build would.</summary>
    public GeneratorRun Rerun(Compilation next) => Run(Driver, next);

    /// <summary>Runs the same driver again after <paramref name="change"/> (to the additional files, say), on the same compilation.</summary>
    public GeneratorRun Rerun(Func<GeneratorDriver, GeneratorDriver> change) => Run(change(Driver), Input);

    /// <summary>The single generated file; fails when there is none or several.</summary>
    public GeneratedFile SingleSource() => Assert.Single(Sources);

    /// <summary>The outputs of every run of the step tracked as <paramref name="trackingName"/>.</summary>
    public ImmutableArray<(object Value, IncrementalStepRunReason Reason)> StepOutputs(string trackingName) =>
        Result.TrackedSteps.TryGetValue(trackingName, out var steps)
            ? steps.SelectMany(step => step.Outputs).ToImmutableArray()
            : throw new InvalidOperationException($"No step is tracked as '{trackingName}'.");

    /// <summary>The outputs of the step that adds sources (<c>RegisterSourceOutput</c>).</summary>
    public ImmutableArray<(object Value, IncrementalStepRunReason Reason)> SourceOutputs =>
        Result.TrackedOutputSteps.TryGetValue(WellKnownGeneratorOutputs.SourceOutput, out var steps)
            ? steps.SelectMany(step => step.Outputs).ToImmutableArray()
            : [];

    private static GeneratorDriver NewDriver(AdditionalText[] files) =>
        CSharpGeneratorDriver.Create(
            [new NetworkGenerator().AsSourceGenerator()],
            additionalTexts: files,
            parseOptions: TestCompilation.ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    private static GeneratorRun Run(GeneratorDriver driver, Compilation input)
    {
        driver = driver.RunGeneratorsAndUpdateCompilation(input, out var output, out _);
        return new GeneratorRun(driver, input, output);
    }
}
