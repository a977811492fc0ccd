using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;

namespace Butterfly.Generator.Tests.CodeFixes;

/// <summary>
/// A code-fix test with the generator running, as in the IDE: the diagnostics to fix are the generator's, marked in
/// the source as <c>{|BF0001:Network|}</c>, and the fixed source must generate and compile without errors. Offline:
/// the .NET 10 reference assemblies come from Basic.Reference.Assemblies, not from a package download.
/// </summary>
internal sealed class FixTest<TFix> : CSharpCodeFixTest<EmptyDiagnosticAnalyzer, TFix, DefaultVerifier>
    where TFix : CodeFixProvider, new()
{
    public FixTest()
    {
        ReferenceAssemblies = new ReferenceAssemblies("net10.0");
        // What the generator writes is pinned by the snapshot tests; here it must only compile.
        TestBehaviors |= TestBehaviors.SkipGeneratedSourcesCheck;
        foreach (var state in new[] { TestState, FixedState, BatchFixedState })
        {
            state.AdditionalReferences.AddRange(Basic.Reference.Assemblies.Net100.References.All);
            state.AdditionalReferences.Add(typeof(NetworkAttribute).Assembly);
            state.AdditionalReferences.Add(typeof(INetwork).Assembly);
        }
    }

    protected override IEnumerable<Type> GetSourceGenerators() => [typeof(NetworkGenerator)];

    /// <summary>Fixes one diagnostic in <paramref name="before"/> and expects <paramref name="after"/>.</summary>
    public static Task Fixes(string before, string after) =>
        new FixTest<TFix> { TestCode = Usings + before, FixedCode = Usings + after }.RunAsync();

    /// <summary>
    /// Fixes the diagnostics marked in the files <paramref name="before"/> one at a time (in <paramref name="fixes"/>
    /// steps), with fix-all in a document (once per file with diagnostics), and with fix-all in the project and the
    /// solution (once), each time expecting <paramref name="after"/>.
    /// </summary>
    public static Task FixesAll(string[] before, string[] after, int fixes)
    {
        var test = new FixTest<TFix>
        {
            NumberOfIncrementalIterations = fixes,
            NumberOfFixAllInDocumentIterations = before.Count(source => source.Contains("{|")),
            NumberOfFixAllIterations = 1,
        };
        foreach (var source in before)
        {
            test.TestState.Sources.Add(Usings + source);
        }

        foreach (var source in after)
        {
            test.FixedState.Sources.Add(Usings + source);
        }

        return test.RunAsync();
    }

    private const string Usings = "using Butterfly;\n\n";
}
