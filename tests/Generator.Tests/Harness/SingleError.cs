using Microsoft.CodeAnalysis;
using Xunit;

namespace Butterfly.Generator.Tests.Harness;

/// <summary>A declaration the generator must refuse with exactly one error, at the marked span, generating nothing.</summary>
internal static class SingleError
{
    /// <summary>Runs the generator over <paramref name="marked"/> and returns its one error, which must be <paramref name="id"/> at the marked span.</summary>
    public static Diagnostic At(string id, string marked)
    {
        var source = MarkedSource.Parse(marked);
        var run = GeneratorRun.Of(source.Text);
        Assert.Null(run.Exception);
        Assert.Empty(run.Sources);
        Assert.Empty(run.InputErrors);
        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(source.Span, diagnostic.Location.SourceSpan);
        return diagnostic;
    }
}
