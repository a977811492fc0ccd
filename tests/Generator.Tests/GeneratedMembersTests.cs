using System.Collections.Generic;
using System.Linq;
using Butterfly.Generator.Emitting;
using Butterfly.Generator.Model;
using Butterfly.Generator.Planning;
using Butterfly.Generator.Tests.Harness;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Butterfly.Generator.Tests;

/// <summary>
/// The parser rejects user members that clash with generated ones by comparing them with <see cref="GeneratedMembers"/>;
/// that table must list exactly what the emitter writes, or a clash slips through into the generated file.
/// </summary>
public sealed class GeneratedMembersTests
{
    private const string LargeScratch = """
        using Butterfly;

        namespace Samples;

        /// <summary>Predict's scratch is too large for the stack.</summary>
        [Network]
        [Input(16)]
        [Dense(20000), ReLU]
        [Dense(2)]
        public partial class Wide;
        """;

    [Theory]
    [MemberData(nameof(SnapshotDeclarations.Names), MemberType = typeof(SnapshotDeclarations))]
    public void Table_lists_exactly_the_members_the_emitter_writes(string declaration) =>
        AssertTableMatches(SnapshotDeclarations.ByName[declaration]);

    [Fact]
    public void Table_lists_the_per_thread_scratch_of_a_wide_network() =>
        Assert.Contains("t_predictScratch", AssertTableMatches(LargeScratch));

    /// <summary>Checks the table against the compiled generated class, and returns the members it found there.</summary>
    private static List<string> AssertTableMatches(string source)
    {
        var run = GeneratorRun.Of(source);
        var model = Assert.IsType<NetworkModel>(Assert.Single(run.StepOutputs(TrackingNames.Models)).Value);
        var plan = Planner.Plan(model.Spec, model.Type.MetadataName, [])!;
        var table = GeneratedMembers.Of(plan).Select(m => Describe(m.Kind, m.Name, m.ParameterTypes)).Order().ToList();

        var tree = Assert.Single(run.Output.SyntaxTrees, t => t.FilePath.EndsWith(".g.cs", System.StringComparison.Ordinal));
        var declaration = tree.GetRoot().DescendantNodes().OfType<ClassDeclarationSyntax>().Last();
        var type = (INamedTypeSymbol)run.Output.GetSemanticModel(tree).GetDeclaredSymbol(declaration)!;
        var written = type.GetMembers()
            .Where(m => !m.IsImplicitlyDeclared && m.Locations.Any(l => l.SourceTree == tree))
            .Where(m => m is not IMethodSymbol { MethodKind: not (MethodKind.Ordinary or MethodKind.Constructor) })
            .Where(m => m is not IPropertySymbol { ExplicitInterfaceImplementations.Length: > 0 })
            .Select(m => m is IMethodSymbol method
                ? Describe(
                    method.MethodKind == MethodKind.Constructor ? GeneratedMemberKind.Constructor : GeneratedMemberKind.Method,
                    method.Name,
                    method.Parameters.Select(p => p.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)).ToList())
                : Describe(GeneratedMemberKind.Other, m.Name, []))
            .Order()
            .ToList();
        Assert.Equal(table, written);
        return written;
    }

    private static string Describe(GeneratedMemberKind kind, string name, IReadOnlyList<string> parameterTypes) =>
        kind == GeneratedMemberKind.Other ? name : $"{kind} {name}({string.Join(", ", parameterTypes)})";
}
