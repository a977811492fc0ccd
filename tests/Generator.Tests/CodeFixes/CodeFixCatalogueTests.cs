using System.Linq;
using Butterfly.CodeFixes;
using Butterfly.Generator.Tests.Harness;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Butterfly.Generator.Tests.CodeFixes;

/// <summary>docs/diagnostics.md says "IDE code fix" in exactly the sections whose diagnostic a shipped fix repairs.</summary>
public sealed class CodeFixCatalogueTests
{
    [Fact]
    public void Documented_code_fixes_are_the_shipped_ones()
    {
        var shipped = typeof(MakePartialFix).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(CodeFixProvider).IsAssignableFrom(t))
            .SelectMany(t => ((CodeFixProvider)System.Activator.CreateInstance(t)!).FixableDiagnosticIds)
            .Order()
            .ToList();
        var documented = DiagnosticsDocument.Load(RepositoryFiles.DiagnosticsDocument).Sections
            .Where(s => s.HasCodeFix)
            .Select(s => s.Id)
            .Order()
            .ToList();

        Assert.True(shipped.Count >= 13, $"Only {shipped.Count} fixable IDs found by reflection.");
        Assert.Equal(shipped.Distinct(), shipped);
        Assert.Equal(shipped, documented);
    }
}
