using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Butterfly.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Butterfly.CodeFixes;

/// <summary>
/// BF0012: moves every layer attribute of a partial declaration onto the declaration that carries <c>[Network]</c>,
/// after the layers already there, keeping their order. The two declarations may be in different files.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MoveLayersToNetworkFix)), System.Composition.Shared]
public sealed class MoveLayersToNetworkFix : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds => [DiagnosticDescriptors.LayersSplitAcrossDeclarations.Id];

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => FixAllPartialDeclarations.Instance;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            if (await StrayDeclarationAsync(context.Document, diagnostic, context.CancellationToken).ConfigureAwait(false) is { } stray)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(
                        "Move the layers onto the [Network] declaration",
                        cancellationToken => MoveAsync(context.Document.Project.Solution, [stray], cancellationToken),
                        nameof(MoveLayersToNetworkFix)),
                    diagnostic);
            }
        }
    }

    /// <summary>The declaration a BF0012 diagnostic points into, as a document and a span that survive edits elsewhere.</summary>
    private static async Task<(DocumentId Document, Microsoft.CodeAnalysis.Text.TextSpan Span)?> StrayDeclarationAsync(
        Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var declaration = root?.FindNode(diagnostic.Location.SourceSpan).AncestorsAndSelf().OfType<TypeDeclarationSyntax>().FirstOrDefault();
        return declaration is null ? null : (document.Id, declaration.Span);
    }

    /// <summary>
    /// Moves the layers of each stray declaration in turn. Each move changes spans in its files, so the strays are
    /// first marked with an annotation, which edits elsewhere in the tree keep, and found again by it.
    /// </summary>
    private static async Task<Solution> MoveAsync(
        Solution solution, IEnumerable<(DocumentId Document, Microsoft.CodeAnalysis.Text.TextSpan Span)> strays, CancellationToken cancellationToken)
    {
        var documents = new HashSet<DocumentId>();
        foreach (var group in strays.GroupBy(s => s.Document))
        {
            var root = (await solution.GetDocument(group.Key)!.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
            var nodes = group.Select(s => root.FindNode(s.Span)).OfType<TypeDeclarationSyntax>();
            solution = solution.WithDocumentSyntaxRoot(group.Key, root.ReplaceNodes(nodes, (_, node) => node.WithAdditionalAnnotations(new SyntaxAnnotation(StrayMark))));
            documents.Add(group.Key);
        }

        foreach (var documentId in documents)
        {
            while ((await solution.GetDocument(documentId)!.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!
                .GetAnnotatedNodes(StrayMark).OfType<TypeDeclarationSyntax>().FirstOrDefault() is { } stray)
            {
                solution = await MoveOneAsync(solution, documentId, stray, cancellationToken).ConfigureAwait(false);
            }
        }

        return solution;
    }

    private const string StrayMark = "Butterfly.StrayLayers";

    private static async Task<Solution> MoveOneAsync(Solution solution, DocumentId documentId, TypeDeclarationSyntax marked, CancellationToken cancellationToken)
    {
        // Unmarked first, so that the loop in MoveAsync ends whatever this move finds.
        solution = solution.WithDocumentSyntaxRoot(documentId, marked.SyntaxTree.GetRoot(cancellationToken).ReplaceNode(marked, marked.WithoutAnnotations(StrayMark)));
        var document = solution.GetDocument(documentId)!;
        var root = (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
        var stray = root.FindNode(marked.Span).AncestorsAndSelf().OfType<TypeDeclarationSyntax>().First();
        var model = (await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false))!;
        if (model.GetDeclaredSymbol(stray, cancellationToken) is not INamedTypeSymbol type
            || await NetworkDeclarationAsync(solution, type, cancellationToken).ConfigureAwait(false) is not { } network
            || network.SyntaxTree == stray.SyntaxTree && network.Span == stray.Span)
        {
            return solution;
        }

        var moved = LayerAttributes.Of(stray, model, cancellationToken);
        if (moved.Count == 0)
        {
            return solution;
        }

        var strayWithout = LayerAttributes.RemoveAll(stray, moved);
        var last = network.AttributeLists.Last();
        var lists = moved.Select(attribute => LayerAttributes.ListLike(last, attribute));
        var networkWith = network.WithAttributeLists(network.AttributeLists.AddRange(lists));

        var networkDocument = solution.GetDocument(network.SyntaxTree)!;
        if (networkDocument.Id == documentId)
        {
            return solution.WithDocumentSyntaxRoot(documentId, root.ReplaceNodes([stray, network], (original, _) => original == stray ? strayWithout : networkWith));
        }

        var networkRoot = (await network.SyntaxTree.GetRootAsync(cancellationToken).ConfigureAwait(false)).ReplaceNode(network, networkWith);
        return solution
            .WithDocumentSyntaxRoot(documentId, root.ReplaceNode(stray, strayWithout))
            .WithDocumentSyntaxRoot(networkDocument.Id, networkRoot);
    }

    private static async Task<TypeDeclarationSyntax?> NetworkDeclarationAsync(Solution solution, INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            if (await reference.GetSyntaxAsync(cancellationToken).ConfigureAwait(false) is not TypeDeclarationSyntax declaration
                || solution.GetDocument(declaration.SyntaxTree) is not { } document
                || await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false) is not { } model)
            {
                continue;
            }

            if (declaration.AttributeLists.SelectMany(l => l.Attributes).Any(a => LayerAttributes.IsNetwork(a, model, cancellationToken)))
            {
                return declaration;
            }
        }

        return null;
    }

    /// <summary>Fix all: each stray declaration once, however many of its attributes were reported.</summary>
    private sealed class FixAllPartialDeclarations : FixAllProvider
    {
        public static readonly FixAllPartialDeclarations Instance = new();

        public override async Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext)
        {
            var diagnostics = new List<(Document Document, Diagnostic Diagnostic)>();
            foreach (var document in Documents(fixAllContext))
            {
                foreach (var diagnostic in await fixAllContext.GetDocumentDiagnosticsAsync(document).ConfigureAwait(false))
                {
                    diagnostics.Add((document, diagnostic));
                }
            }

            return CodeAction.Create(
                "Move the layers onto the [Network] declarations",
                async cancellationToken =>
                {
                    var strays = new HashSet<(DocumentId, Microsoft.CodeAnalysis.Text.TextSpan)>();
                    foreach (var (document, diagnostic) in diagnostics)
                    {
                        if (await StrayDeclarationAsync(document, diagnostic, cancellationToken).ConfigureAwait(false) is { } stray)
                        {
                            strays.Add(stray);
                        }
                    }

                    return await MoveAsync(fixAllContext.Solution, strays, cancellationToken).ConfigureAwait(false);
                },
                nameof(MoveLayersToNetworkFix));
        }

        private static IEnumerable<Document> Documents(FixAllContext context) => context.Scope switch
        {
            FixAllScope.Document => context.Document is null ? [] : [context.Document],
            FixAllScope.Solution => context.Solution.Projects.SelectMany(p => p.Documents),
            _ => context.Project.Documents,
        };
    }
}
