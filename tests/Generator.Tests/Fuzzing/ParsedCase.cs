using System;
using System.Collections.Generic;
using System.Linq;
using Butterfly.Generator.Tests.Harness;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Butterfly.Generator.Tests.Fuzzing;

/// <summary>
/// A fuzz case as syntax trees, with its footprint: the names it declares at the top level (first namespace segments
/// and global types) and every name it mentions. Two cases can share a compilation only when neither declares a name
/// the other declares or mentions, so that neither can change what the other binds to (and their generated files,
/// named after the first segment, cannot collide; the check ignores case, as file names may).
/// </summary>
internal sealed class ParsedCase
{
    /// <summary>Stands for what one compilation holds only once (top-level statements, assembly attributes).</summary>
    private const string CompilationWide = "<compilation-wide>";

    public ParsedCase(FuzzCase fuzzCase)
    {
        Case = fuzzCase;
        Sources = CaseWriter.Write(fuzzCase);
        Trees = Sources.Select(s => TestCompilation.Parse(s.Text, s.Path)).ToList();
        foreach (var root in Trees.Select(t => (CompilationUnitSyntax)t.GetRoot()))
        {
            if (root.AttributeLists.Count > 0 || root.Members.Any(m => m is GlobalStatementSyntax))
            {
                Declares.Add(CompilationWide);
                Mentions.Add(CompilationWide);
            }

            foreach (var member in root.Members)
            {
                string? name = member switch
                {
                    BaseNamespaceDeclarationSyntax ns => ns.Name.DescendantNodesAndSelf().OfType<SimpleNameSyntax>().FirstOrDefault()?.Identifier.ValueText,
                    BaseTypeDeclarationSyntax type => type.Identifier.ValueText,
                    DelegateDeclarationSyntax del => del.Identifier.ValueText,
                    _ => null,
                };
                if (!string.IsNullOrEmpty(name))
                {
                    Declares.Add(name.ToLowerInvariant());
                }
            }

            foreach (var token in root.DescendantTokens().Where(t => t.IsKind(SyntaxKind.IdentifierToken)))
            {
                string name = token.ValueText.ToLowerInvariant();
                Mentions.Add(name);
                Mentions.Add(name + "attribute");
            }
        }
    }

    public FuzzCase Case { get; }

    public IReadOnlyList<CaseSource> Sources { get; }

    public IReadOnlyList<SyntaxTree> Trees { get; }

    /// <summary>Top-level names declared, in lower case.</summary>
    public HashSet<string> Declares { get; } = new(StringComparer.Ordinal);

    /// <summary>Every identifier in the case, in lower case, also with <c>attribute</c> appended.</summary>
    public HashSet<string> Mentions { get; } = new(StringComparer.Ordinal);

    /// <summary>Whether the two cases can be compiled together without either affecting the other.</summary>
    public bool IsIndependentOf(ParsedCase other) =>
        !Declares.Overlaps(other.Declares) && !Declares.Overlaps(other.Mentions) && !Mentions.Overlaps(other.Declares);
}
