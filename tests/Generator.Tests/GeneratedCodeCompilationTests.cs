using System.Linq;
using Butterfly.Generator.Tests.Harness;
using Microsoft.CodeAnalysis;

namespace Butterfly.Generator.Tests;

/// <summary>The generated code compiles cleanly: no error and no warning, with nullable and doc comments checked.</summary>
public sealed class GeneratedCodeCompilationTests
{
    [Theory]
    [MemberData(nameof(SnapshotDeclarations.Names), MemberType = typeof(SnapshotDeclarations))]
    public void Generated_code_compiles_without_warnings(string declaration)
    {
        var run = GeneratorRun.Of(SnapshotDeclarations.ByName[declaration]);
        Assert.Null(run.Exception);
        Assert.NotEmpty(run.Sources);
        string problems = string.Join("\n", run.OutputDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        Assert.True(problems.Length == 0, "The output compilation has warnings or errors:\n" + problems);
    }
}
