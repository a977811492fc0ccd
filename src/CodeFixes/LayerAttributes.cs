using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Butterfly.CodeFixes;

/// <summary>
/// Reading and rearranging a network declaration's attributes while keeping the author's layout: one list per line
/// stays one list per line, and comments above the declaration stay above it.
/// </summary>
internal static class LayerAttributes
{
    /// <summary>The Butterfly attributes on <paramref name="declaration"/> other than <c>[Network]</c>, in source order.</summary>
    public static IReadOnlyList<AttributeSyntax> Of(TypeDeclarationSyntax declaration, SemanticModel model, CancellationToken cancellationToken) =>
        declaration.AttributeLists
            .SelectMany(list => list.Attributes)
            .Where(attribute => IsLayer(attribute, model, cancellationToken))
            .ToList();

    public static bool IsLayer(AttributeSyntax attribute, SemanticModel model, CancellationToken cancellationToken) =>
        AttributeClass(attribute, model, cancellationToken) is { } type
        && type.ContainingNamespace?.ToDisplayString() == "Butterfly"
        && type.Name != "NetworkAttribute";

    public static bool IsNetwork(AttributeSyntax attribute, SemanticModel model, CancellationToken cancellationToken) =>
        AttributeClass(attribute, model, cancellationToken) is { Name: "NetworkAttribute" } type
        && type.ContainingNamespace?.ToDisplayString() == "Butterfly";

    /// <summary>The attribute's class name without "Attribute": <c>Softmax</c>.</summary>
    public static string? KindOf(AttributeSyntax attribute, SemanticModel model, CancellationToken cancellationToken) =>
        AttributeClass(attribute, model, cancellationToken)?.Name is { } name && name.EndsWith("Attribute", System.StringComparison.Ordinal)
            ? name.Substring(0, name.Length - "Attribute".Length)
            : null;

    /// <summary><paramref name="declaration"/> without any of <paramref name="attributes"/>.</summary>
    public static TypeDeclarationSyntax RemoveAll(TypeDeclarationSyntax declaration, IReadOnlyList<AttributeSyntax> attributes)
    {
        var markers = attributes.ToDictionary(attribute => attribute, _ => new SyntaxAnnotation());
        var marked = declaration.ReplaceNodes(attributes, (original, node) => node.WithAdditionalAnnotations(markers[original]));
        return markers.Values.Aggregate(marked, (rest, marker) => Remove(rest, Marked(rest, marker)));
    }

    /// <summary>
    /// Moves <paramref name="moved"/> next to <paramref name="anchor"/>: into the anchor's list after it, or before it,
    /// on a line of its own when the anchor starts its list.
    /// </summary>
    public static TypeDeclarationSyntax Move(TypeDeclarationSyntax declaration, AttributeSyntax moved, AttributeSyntax anchor, bool before)
    {
        SyntaxAnnotation anchorMark = new(), movedMark = new();
        var marked = declaration.ReplaceNodes([anchor, moved], (original, node) => node.WithAdditionalAnnotations(original == anchor ? anchorMark : movedMark));
        var without = Remove(marked, Marked(marked, movedMark));

        var target = Marked(without, anchorMark);
        var list = (AttributeListSyntax)target.Parent!;
        int position = list.Attributes.IndexOf(target);
        return before && position == 0
            ? InsertBefore(without, without.AttributeLists.IndexOf(list), ListLike(list, moved))
            : without.ReplaceNode(list, InsertInto(list, before ? position : position + 1, moved));
    }

    /// <summary>The attribute in <paramref name="declaration"/> marked with <paramref name="marker"/>.</summary>
    private static AttributeSyntax Marked(TypeDeclarationSyntax declaration, SyntaxAnnotation marker) =>
        declaration.GetAnnotatedNodes(marker).OfType<AttributeSyntax>().Single();

    /// <summary><paramref name="declaration"/> without <paramref name="attribute"/>; a list left empty goes with it.</summary>
    public static TypeDeclarationSyntax Remove(TypeDeclarationSyntax declaration, AttributeSyntax attribute)
    {
        var list = (AttributeListSyntax)attribute.Parent!;
        int index = declaration.AttributeLists.IndexOf(list);
        if (list.Attributes.Count > 1)
        {
            var remaining = list.WithAttributes(list.Attributes.Remove(attribute));
            return declaration.WithAttributeLists(declaration.AttributeLists.Replace(declaration.AttributeLists[index], remaining));
        }

        var lists = declaration.AttributeLists.RemoveAt(index);
        if (index == 0)
        {
            // The first list carries the declaration's leading trivia (comments, blank lines): hand it on.
            var leading = list.GetLeadingTrivia();
            return lists.Count > 0
                ? declaration.WithAttributeLists(lists.Replace(lists[0], lists[0].WithLeadingTrivia(leading)))
                : declaration.WithAttributeLists(lists).WithLeadingTrivia(leading);
        }

        return declaration.WithAttributeLists(lists);
    }

    /// <summary>A new list holding only <paramref name="attribute"/>, laid out like <paramref name="model"/>'s line.</summary>
    public static AttributeListSyntax ListLike(AttributeListSyntax model, AttributeSyntax attribute) =>
        SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(attribute.WithoutTrivia()))
            .WithLeadingTrivia(Indentation(model))
            .WithTrailingTrivia(model.GetTrailingTrivia());

    /// <summary><paramref name="list"/> with <paramref name="attribute"/> at <paramref name="index"/>, separated by ", ".</summary>
    public static AttributeListSyntax InsertInto(AttributeListSyntax list, int index, AttributeSyntax attribute)
    {
        var attributes = list.Attributes.Insert(index, attribute.WithoutTrivia());
        var separators = Enumerable.Repeat(SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space), attributes.Count - 1);
        return list.WithAttributes(SyntaxFactory.SeparatedList(attributes, separators));
    }

    /// <summary>Inserts <paramref name="inserted"/> before the list at <paramref name="index"/>, above any comment it carries.</summary>
    public static TypeDeclarationSyntax InsertBefore(TypeDeclarationSyntax declaration, int index, AttributeListSyntax inserted)
    {
        var lists = declaration.AttributeLists;
        if (index >= lists.Count)
        {
            return declaration.WithAttributeLists(lists.Add(inserted));
        }

        var before = lists[index];
        var moved = inserted.WithLeadingTrivia(before.GetLeadingTrivia());
        var kept = before.WithLeadingTrivia(Indentation(before));
        return declaration.WithAttributeLists(lists.Replace(before, kept).Insert(index, moved));
    }

    /// <summary>The whitespace that starts the line of <paramref name="node"/>.</summary>
    private static SyntaxTriviaList Indentation(SyntaxNode node)
    {
        var leading = node.GetLeadingTrivia();
        return leading.Count > 0 && leading[leading.Count - 1].IsKind(SyntaxKind.WhitespaceTrivia)
            ? SyntaxFactory.TriviaList(leading[leading.Count - 1])
            : SyntaxFactory.TriviaList();
    }

    private static INamedTypeSymbol? AttributeClass(AttributeSyntax attribute, SemanticModel model, CancellationToken cancellationToken) =>
        (model.GetSymbolInfo(attribute, cancellationToken).Symbol as IMethodSymbol)?.ContainingType;
}
