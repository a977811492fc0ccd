using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Butterfly.CodeFixes;

/// <summary>
/// A fix that rewrites the type declaration a diagnostic points into (the network class, whose attribute carries
/// the diagnostic). Subclasses say what the fix is called and how the declaration changes.
/// </summary>
public abstract class DeclarationFix : CodeFixProvider
{
    /// <inheritdoc/>
    public sealed override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            var node = root.FindNode(diagnostic.Location.SourceSpan);
            var declaration = node.AncestorsAndSelf().OfType<TypeDeclarationSyntax>().FirstOrDefault();
            if (declaration is null)
            {
                continue;
            }

            var site = new FixSite(diagnostic, node, declaration, model);
            if (Title(site) is not { } title)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(title, cancellationToken => Apply(context.Document, site, cancellationToken), GetType().Name + diagnostic.Id),
                diagnostic);
        }
    }

    /// <summary>The fix's title, or null when it does not apply at <paramref name="site"/>.</summary>
    private protected abstract string? Title(FixSite site);

    /// <summary>The new syntax root: usually <paramref name="root"/> with the site's declaration replaced.</summary>
    private protected abstract SyntaxNode Rewrite(SyntaxNode root, FixSite site, CancellationToken cancellationToken);

    private async Task<Document> Apply(Document document, FixSite site, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        return document.WithSyntaxRoot(Rewrite(root!, site, cancellationToken));
    }
}

/// <summary>Where a diagnostic points: its node, the declaration around it, and the document's semantic model.</summary>
internal sealed record FixSite(Diagnostic Diagnostic, SyntaxNode Node, TypeDeclarationSyntax Declaration, SemanticModel Model)
{
    /// <summary>The attribute the diagnostic is reported at, if it is reported at one.</summary>
    public AttributeSyntax? Attribute => Node.AncestorsAndSelf().OfType<AttributeSyntax>().FirstOrDefault();

    public ImmutableDictionary<string, string?> Properties => Diagnostic.Properties;
}
