using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Butterfly.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Butterfly.CodeFixes;

/// <summary>BF0013: a network that asks for cross-entropy gets the <c>[Softmax]</c> output that loss is defined on.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddSoftmaxFix)), System.Composition.Shared]
public sealed class AddSoftmaxFix : DeclarationFix
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds => [DiagnosticDescriptors.LossDoesNotFitOutput.Id];

    private protected override string? Title(FixSite site) => "Add [Softmax] as the last layer";

    private protected override SyntaxNode Rewrite(SyntaxNode root, FixSite site, CancellationToken cancellationToken)
    {
        var last = LayerAttributes.Of(site.Declaration, site.Model, cancellationToken).Last();
        var list = (AttributeListSyntax)last.Parent!;
        var softmax = SyntaxFactory.Attribute(SyntaxFactory.IdentifierName("Softmax"));
        return root.ReplaceNode(list, LayerAttributes.InsertInto(list, list.Attributes.IndexOf(last) + 1, softmax));
    }
}
