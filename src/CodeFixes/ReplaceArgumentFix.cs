using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Butterfly.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Butterfly.CodeFixes;

/// <summary>
/// BF0026, BF0028: writes the value the generator found for a layer argument (for example the padding that makes a
/// convolution's window fit, or the nearest padding in range), replacing the argument or adding it by name.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ReplaceArgumentFix)), System.Composition.Shared]
public sealed class ReplaceArgumentFix : DeclarationFix
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds =>
        [DiagnosticDescriptors.WindowLargerThanInput.Id, DiagnosticDescriptors.ArgumentOutOfRange.Id];

    private protected override string? Title(FixSite site) =>
        site.Attribute is not null
        && site.Properties.TryGetValue(ArgumentFix.ArgumentKey, out var name)
        && site.Properties.TryGetValue(ArgumentFix.ValueKey, out var value)
            ? $"Set {name} to {value}"
            : null;

    private protected override SyntaxNode Rewrite(SyntaxNode root, FixSite site, CancellationToken cancellationToken)
    {
        var attribute = site.Attribute!;
        string name = site.Properties[ArgumentFix.ArgumentKey]!;
        var value = SyntaxFactory.LiteralExpression(
            SyntaxKind.NumericLiteralExpression,
            SyntaxFactory.Literal(int.Parse(site.Properties[ArgumentFix.ValueKey]!, System.Globalization.CultureInfo.InvariantCulture)));

        if (Find(attribute, name, site.Model, cancellationToken) is { } argument)
        {
            return root.ReplaceNode(argument.Expression, value.WithTriviaFrom(argument.Expression));
        }

        var added = SyntaxFactory.AttributeArgument(value).WithNameColon(SyntaxFactory.NameColon(name));
        var list = attribute.ArgumentList ?? SyntaxFactory.AttributeArgumentList();
        var arguments = list.Arguments.Add(added);
        var separators = Enumerable.Repeat(SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space), arguments.Count - 1);
        return root.ReplaceNode(attribute, attribute.WithArgumentList(list.WithArguments(SyntaxFactory.SeparatedList(arguments, separators))));
    }

    /// <summary>The argument bound to the constructor parameter <paramref name="name"/>, by name or by position.</summary>
    private static AttributeArgumentSyntax? Find(AttributeSyntax attribute, string name, SemanticModel model, CancellationToken cancellationToken)
    {
        var arguments = attribute.ArgumentList?.Arguments ?? default;
        var named = arguments.FirstOrDefault(a => a.NameColon?.Name.Identifier.ValueText == name);
        if (named is not null)
        {
            return named;
        }

        if (model.GetSymbolInfo(attribute, cancellationToken).Symbol is not IMethodSymbol constructor)
        {
            return null;
        }

        for (int position = 0; position < constructor.Parameters.Length && position < arguments.Count; position++)
        {
            if (constructor.Parameters[position].Name == name)
            {
                return arguments[position] is { NameColon: null, NameEquals: null } positional ? positional : null;
            }
        }

        return null;
    }
}
