using System.Collections.Immutable;
using System.Threading;
using Butterfly.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Butterfly.CodeFixes;

/// <summary>BF0008: removes a second <c>[Input]</c>; the first one, which the network reads, stays.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RemoveDuplicateInputFix)), System.Composition.Shared]
public sealed class RemoveDuplicateInputFix : DeclarationFix
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds => [DiagnosticDescriptors.DuplicateInput.Id];

    private protected override string? Title(FixSite site) => site.Attribute is null ? null : "Remove the repeated [Input]";

    private protected override SyntaxNode Rewrite(SyntaxNode root, FixSite site, CancellationToken cancellationToken) =>
        root.ReplaceNode(site.Declaration, LayerAttributes.Remove(site.Declaration, site.Attribute!));
}
