using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Butterfly.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Butterfly.CodeFixes;

/// <summary>BF0001, BF0002: adds <c>partial</c> to the network class, or to every type around it that lacks it.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakePartialFix)), System.Composition.Shared]
public sealed class MakePartialFix : DeclarationFix
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds =>
        [DiagnosticDescriptors.NetworkNotPartial.Id, DiagnosticDescriptors.ContainingTypeNotPartial.Id];

    private protected override string? Title(FixSite site) =>
        site.Diagnostic.Id == DiagnosticDescriptors.NetworkNotPartial.Id
            ? $"Make '{site.Declaration.Identifier.ValueText}' partial"
            : $"Make the types containing '{site.Declaration.Identifier.ValueText}' partial";

    private protected override SyntaxNode Rewrite(SyntaxNode root, FixSite site, CancellationToken cancellationToken)
    {
        var targets = site.Diagnostic.Id == DiagnosticDescriptors.NetworkNotPartial.Id
            ? [site.Declaration]
            : site.Declaration.Ancestors().OfType<TypeDeclarationSyntax>().Where(t => !t.Modifiers.Any(SyntaxKind.PartialKeyword)).ToArray();
        return root.ReplaceNodes(targets, (original, rewritten) => Partial(rewritten));
    }

    /// <summary>Adds <c>partial</c> as C# wants it: last among the modifiers, right before the type keyword.</summary>
    private static TypeDeclarationSyntax Partial(TypeDeclarationSyntax type)
    {
        if (type.Modifiers.Any(SyntaxKind.PartialKeyword))
        {
            return type;
        }

        var partial = SyntaxFactory.Token(SyntaxKind.PartialKeyword).WithTrailingTrivia(SyntaxFactory.Space);
        if (type.Modifiers.Count > 0)
        {
            return type.WithModifiers(type.Modifiers.Add(partial));
        }

        // No modifiers: the keyword carries the line's indentation, which 'partial' takes over.
        var keyword = type.Keyword;
        return type
            .WithKeyword(keyword.WithLeadingTrivia())
            .WithModifiers(SyntaxFactory.TokenList(partial.WithLeadingTrivia(keyword.LeadingTrivia)));
    }
}
