using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Butterfly.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Butterfly.CodeFixes;

/// <summary>BF0011: moves <c>[Softmax]</c> after the last layer, into that layer's list (<c>[Dense(10), Softmax]</c>).</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MoveSoftmaxLastFix)), System.Composition.Shared]
public sealed class MoveSoftmaxLastFix : DeclarationFix
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds => [DiagnosticDescriptors.SoftmaxNotLast.Id];

    private protected override string? Title(FixSite site) => site.Attribute is null ? null : "Move [Softmax] to the end";

    private protected override SyntaxNode Rewrite(SyntaxNode root, FixSite site, CancellationToken cancellationToken)
    {
        var last = LayerAttributes.Of(site.Declaration, site.Model, cancellationToken).Last();
        return root.ReplaceNode(site.Declaration, LayerAttributes.Move(site.Declaration, site.Attribute!, last, before: false));
    }
}
