using System.Collections.Immutable;
using System.Threading;
using Butterfly.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Butterfly.CodeFixes;

/// <summary>BF0007: moves <c>[Input]</c> above the first layer, on a line of its own when that layer starts a line.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MoveInputFirstFix)), System.Composition.Shared]
public sealed class MoveInputFirstFix : DeclarationFix
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds => [DiagnosticDescriptors.InputNotFirst.Id];

    private protected override string? Title(FixSite site) => site.Attribute is null ? null : "Move [Input] before the first layer";

    private protected override SyntaxNode Rewrite(SyntaxNode root, FixSite site, CancellationToken cancellationToken)
    {
        var first = LayerAttributes.Of(site.Declaration, site.Model, cancellationToken)[0];
        return root.ReplaceNode(site.Declaration, LayerAttributes.Move(site.Declaration, site.Attribute!, first, before: true));
    }
}
