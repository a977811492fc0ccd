using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Butterfly.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Butterfly.CodeFixes;

/// <summary>BF0039: removes <c>Precision</c> from a <c>[Network]</c> that embeds no weights, where it has no effect.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RemovePrecisionFix)), System.Composition.Shared]
public sealed class RemovePrecisionFix : DeclarationFix
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds => [DiagnosticDescriptors.PrecisionWithoutWeights.Id];

    private protected override string? Title(FixSite site) => Precision(site) is null ? null : "Remove Precision";

    private protected override SyntaxNode Rewrite(SyntaxNode root, FixSite site, CancellationToken cancellationToken)
    {
        var argument = Precision(site)!;
        var list = (AttributeArgumentListSyntax)argument.Parent!;
        var remaining = list.Arguments.Remove(argument);
        // [Network(Precision = ...)] becomes [Network], not [Network()].
        return remaining.Count == 0
            ? root.ReplaceNode(list.Parent!, ((AttributeSyntax)list.Parent!).WithArgumentList(null))
            : root.ReplaceNode(list, list.WithArguments(remaining));
    }

    private static AttributeArgumentSyntax? Precision(FixSite site) =>
        site.Attribute?.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == "Precision");
}
