using System.Linq;
using Butterfly.Generator.Layers;
using Butterfly.Generator.Tests.Fuzzing;
using Microsoft.CodeAnalysis;
using Xunit.Abstractions;

namespace Butterfly.Generator.Tests;

/// <summary>
/// The generator never breaks: over thousands of random and mutated declarations it never throws, and each declaration
/// either gets an error (the generator's, or the compiler's in the declaration itself) or generated code that compiles
/// with no error and no warning. The normal run covers the first <see cref="FuzzSettings.DefaultCount"/> cases;
/// docs/fuzzing.md has the command for the full run and for rerunning one failed case.
/// </summary>
public sealed class GeneratorFuzzTests(ITestOutputHelper output)
{
    [Fact]
    public void Generator_never_breaks_on_fuzzed_declarations()
    {
        var settings = FuzzSettings.FromEnvironment();
        var report = FuzzRun.Execute(settings.Seed, settings.CaseIndexes, () => new NetworkGenerator().AsSourceGenerator());
        output.WriteLine(report.Summary);
        if (settings.ReportPath is { } path)
        {
            System.IO.File.WriteAllText(path, report.AllFailures);
        }

        Assert.True(report.Failures.Count == 0, report.FailureMessage);
        if (settings.IsSingleCase)
        {
            return;
        }

        // A fuzzer whose cases all fail early proves nothing: enough of them must reach the emitter, with every kind.
        Assert.True(report.CleanCodeCases * 10 >= report.Outcomes.Count, $"Only {report.CleanCodeCases} cases generated clean code.\n{report.Summary}");
        var unreached = AttributeVocabulary.Layers.Select(l => l.Name).Where(name => !report.CompiledLayerCounts.ContainsKey(name)).ToList();
        Assert.True(unreached.Count == 0, $"No fuzz case compiled a network with [{string.Join("], [", unreached)}].\n{report.Summary}");
    }

    /// <summary>The fuzzer's vocabulary comes from the attributes assembly; it must be the generator's too.</summary>
    [Fact]
    public void Every_layer_attribute_has_a_layer_kind_and_every_kind_an_attribute()
    {
        var attributes = AttributeVocabulary.Layers.Select(a => a.Type.FullName!).Order().ToList();
        var kinds = LayerCatalog.All.Select(k => k.AttributeMetadataName).Order().ToList();
        Assert.Equal(kinds, attributes);
    }

    [Fact]
    public void A_case_is_the_same_whenever_it_is_built()
    {
        for (int index = 0; index < 200; index += 7)
        {
            var first = CaseWriter.Write(DeclarationFactory.Create(FuzzSettings.DefaultSeed, index));
            var second = CaseWriter.Write(DeclarationFactory.Create(FuzzSettings.DefaultSeed, index));
            Assert.Equal(first, second);
        }
    }
}
