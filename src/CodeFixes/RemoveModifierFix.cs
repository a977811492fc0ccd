using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Butterfly.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Butterfly.CodeFixes;

/// <summary>BF0005: removes <c>static</c> from the network class; BF0020: removes <c>file</c> from it or its containers.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RemoveModifierFix)), System.Composition.Shared]
public sealed class RemoveModifierFix : DeclarationFix
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds =>
        [DiagnosticDescriptors.NetworkStatic.Id, DiagnosticDescriptors.NetworkFileLocal.Id];

    private protected override string? Title(FixSite site) => $"Remove '{Keyword(site)}'";

    private protected override SyntaxNode Rewrite(SyntaxNode root, FixSite site, CancellationToken cancellationToken)
    {
        var kind = site.Diagnostic.Id == DiagnosticDescriptors.NetworkStatic.Id ? SyntaxKind.StaticKeyword : SyntaxKind.FileKeyword;
        var targets = site.Declaration.AncestorsAndSelf().OfType<TypeDeclarationSyntax>().Where(t => t.Modifiers.Any(kind));
        return root.ReplaceNodes(targets, (original, rewritten) => Without(rewritten, kind));
    }

    private static string Keyword(FixSite site) => site.Diagnostic.Id == DiagnosticDescriptors.NetworkStatic.Id ? "static" : "file";

    private static TypeDeclarationSyntax Without(TypeDeclarationSyntax type, SyntaxKind kind)
    {
        int index = type.Modifiers.IndexOf(kind);
        var removed = type.Modifiers[index];
        var modifiers = type.Modifiers.RemoveAt(index);
        if (index == 0)
        {
            // The first modifier carries the line's indentation (and any comment above): the next token takes it over.
            if (modifiers.Count > 0)
            {
                return type.WithModifiers(modifiers.Replace(modifiers[0], modifiers[0].WithLeadingTrivia(removed.LeadingTrivia)));
            }

            return type.WithModifiers(modifiers).WithKeyword(type.Keyword.WithLeadingTrivia(removed.LeadingTrivia));
        }

        return type.WithModifiers(modifiers);
    }
}
