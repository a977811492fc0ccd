using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Butterfly.Generator.Tests.Harness;

/// <summary>An <c>AdditionalFiles</c> item held in memory; a null text stands for a file that cannot be read.</summary>
internal sealed class InMemoryAdditionalText(string path, string? text) : AdditionalText
{
    public override string Path { get; } = path;

    public override SourceText? GetText(CancellationToken cancellationToken = default) => text is null ? null : SourceText.From(text);
}
