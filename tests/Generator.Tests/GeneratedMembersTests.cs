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

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Table_lists_the_members_of_the_embedded_file_too(bool int8)
    {
        var written = int8
            ? AssertTableMatches(EmbeddedWeightsTests.Int8Declaration, PrecisionKind.Int8, EmbeddedWeightsTests.Int8File)
            : AssertTableMatches(EmbeddedWeightsTests.Float32Declaration, PrecisionKind.Float32, EmbeddedWeightsTests.Float32File);
        Assert.Contains("Method PredictEmbedded(global::System.ReadOnlySpan<float>, global::System.Span<float>)", written);
    }

    /// <summary>
    /// Checks the table against the compiled generated class (both its files when it embeds weights of precision
    /// <paramref name="embedded"/>, from <paramref name="files"/>), and returns the members it found there.
    /// </summary>
    private static List<string> AssertTableMatches(string source, PrecisionKind? embedded = null, params AdditionalText[] files)
    {
        var run = GeneratorRun.WithFiles(source, files);
        var model = Assert.IsType<NetworkModel>(Assert.Single(run.StepOutputs(TrackingNames.Models)).Value);
        var plan = Planner.Plan(model.Spec, model.Type.MetadataName, [])!;
        var table = GeneratedMembers.Of(plan, embedded).Select(m => Describe(m.Kind, m.Name, m.ParameterTypes)).Order().ToList();

        var trees = run.Output.SyntaxTrees.Where(t => t.FilePath.EndsWith(".g.cs", System.StringComparison.Ordinal)).ToList();
        Assert.Equal(embedded is null ? 1 : 2, trees.Count);
        var tree = trees.Single(t => !t.FilePath.EndsWith(".Embedded.g.cs", System.StringComparison.Ordinal));
        var declaration = tree.GetRoot().DescendantNodes().OfType<ClassDeclarationSyntax>().Last();
        var type = (INamedTypeSymbol)run.Output.GetSemanticModel(tree).GetDeclaredSymbol(declaration)!;
        var written = type.GetMembers()
            .Where(m => !m.IsImplicitlyDeclared && m.Locations.Any(l => trees.Contains(l.SourceTree!)))
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

    private static string Describe(GeneratedMemberKind kind, string name, IEnumerable<string> parameterTypes) =>
        kind == GeneratedMemberKind.Other ? name : $"{kind} {name}({string.Join(", ", parameterTypes)})";
}
