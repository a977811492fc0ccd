using System.Collections.Immutable;
using System.Threading;
using Butterfly.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Butterfly.CodeFixes;

/// <summary>BF0003: declares a record or struct network as a class, keeping everything else it declares.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(DeclareAsClassFix)), System.Composition.Shared]
public sealed class DeclareAsClassFix : DeclarationFix
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds => [DiagnosticDescriptors.NetworkNotClass.Id];

    private protected override string? Title(FixSite site) =>
        site.Declaration is RecordDeclarationSyntax or StructDeclarationSyntax
            ? $"Declare '{site.Declaration.Identifier.ValueText}' as a class"
            : null;

    private protected override SyntaxNode Rewrite(SyntaxNode root, FixSite site, CancellationToken cancellationToken)
    {
        var type = site.Declaration;
        var leading = type.Keyword.LeadingTrivia;
        var trailing = type is RecordDeclarationSyntax { ClassOrStructKeyword.RawKind: not 0 } record
            ? record.ClassOrStructKeyword.TrailingTrivia
            : type.Keyword.TrailingTrivia;
        var asClass = SyntaxFactory.ClassDeclaration(
                type.AttributeLists,
                type.Modifiers,
                SyntaxFactory.Token(leading, SyntaxKind.ClassKeyword, trailing),
                type.Identifier,
                type.TypeParameterList,
                type.ParameterList,
                type.BaseList,
                type.ConstraintClauses,
                type.OpenBraceToken,
                type.Members,
                type.CloseBraceToken,
                type.SemicolonToken);
        return root.ReplaceNode(type, asClass);
    }
}
