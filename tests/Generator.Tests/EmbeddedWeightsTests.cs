using System.Linq;
using Butterfly.Generator.Tests.Harness;
using Microsoft.CodeAnalysis;

namespace Butterfly.Generator.Tests;

/// <summary>
/// Networks that embed weights (<c>[Network(Weights = ...)]</c>): the generated <c>{Type}.Embedded.g.cs</c> is pinned by
/// snapshots, compiles without a warning, and is cached (its members are checked in <see cref="GeneratedMembersTests"/>).
/// </summary>
public sealed class EmbeddedWeightsTests
{
    private const string Signature = "Input(3) Dense(4) Tanh Dense(2) Softmax";

    internal const string Float32Declaration = """
        using Butterfly;

        namespace Samples;

        /// <summary>Three features, two classes, trained weights compiled in.</summary>
        [Network(Weights = "models/tiny.bfw.b64")]
        [Input(3)]
        [Dense(4), Tanh]
        [Dense(2), Softmax]
        public partial class Tiny;
        """;

    internal static readonly string Int8Declaration = Float32Declaration
        .Replace("\"models/tiny.bfw.b64\"", "\"tiny.bfq.b64\", Precision = Precision.Int8")
        .Replace("trained weights compiled in", "int8 weights compiled in");

    internal static readonly AdditionalText Float32File =
        new InMemoryAdditionalText(@"C:\repo\models\tiny.bfw.b64", WeightsFiles.Float32(Signature, (3 * 4) + 4 + (4 * 2) + 2));

    internal static readonly AdditionalText Int8File =
        new InMemoryAdditionalText("/repo/models/tiny.bfq.b64", WeightsFiles.Int8(Signature, (4, 3), (2, 4)));

    [Fact]
    public void Float32_embedded_file() => Verify(Float32Declaration, Float32File);

    [Fact]
    public void Int8_embedded_file() => Verify(Int8Declaration, Int8File);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Embedded_code_compiles_without_warnings(bool int8)
    {
        var run = int8 ? GeneratorRun.WithFiles(Int8Declaration, Int8File) : GeneratorRun.WithFiles(Float32Declaration, Float32File);
        Assert.Null(run.Exception);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Equal(["Samples.Tiny.Embedded.g.cs", "Samples.Tiny.g.cs"], run.Sources.Select(s => s.HintName).Order());
        string problems = string.Join("\n", run.OutputDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        Assert.True(problems.Length == 0, "The output compilation has warnings or errors:\n" + problems);
    }

    [Fact]
    public void A_user_PredictEmbedded_clashes_only_when_weights_are_embedded()
    {
        const string Member = "    public static void PredictEmbedded(System.ReadOnlySpan<float> input, System.Span<float> output) { }\n";
        string clashing = Float32Declaration.Replace("public partial class Tiny;", "public partial class Tiny\n{\n" + Member + "}");
        var run = GeneratorRun.WithFiles(clashing, Float32File);
        Assert.Equal("BF0021", Assert.Single(run.GeneratorDiagnostics).Id);

        var withoutWeights = GeneratorRun.Of(clashing.Replace("(Weights = \"models/tiny.bfw.b64\")", ""));
        Assert.Empty(withoutWeights.GeneratorDiagnostics);
    }

    [Fact]
    public void Additional_files_matched_by_name_ignore_the_rest()
    {
        var run = GeneratorRun.WithFiles(
            Float32Declaration,
            new InMemoryAdditionalText("/repo/README.md", "# not weights"),
            Float32File,
            new InMemoryAdditionalText("/repo/models/other.bfw.b64", "not even base64"));
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Equal(2, run.Sources.Length);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_network_without_parameters_embeds_nothing_and_compiles(bool int8)
    {
        const string Declaration = """
            using Butterfly;

            namespace Samples;

            /// <summary>Probabilities only.</summary>
            [Network(Weights = "none.b64", Precision = PRECISION)]
            [Input(3)]
            [Softmax]
            public partial class Tiny;
            """;
        string signature = "Input(3) Softmax";
        var file = new InMemoryAdditionalText("/m/none.b64", int8 ? WeightsFiles.Int8(signature) : WeightsFiles.Float32(signature, 0));
        var run = GeneratorRun.WithFiles(Declaration.Replace("PRECISION", int8 ? "Precision.Int8" : "Precision.Float32"), file);
        Assert.Null(run.Exception);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Equal(2, run.Sources.Length);
        Assert.DoesNotContain(run.OutputDiagnostics, d => d.Severity >= DiagnosticSeverity.Warning);
    }

    [Fact]
    public void An_unrelated_edit_does_not_embed_again()
    {
        var first = GeneratorRun.WithFiles(Float32Declaration, Float32File);
        var second = first.Rerun(first.Input.AddSyntaxTrees(TestCompilation.Parse("namespace Samples;\n\ninternal static class Unrelated;\n", "Unrelated.cs")));
        var steps = second.StepOutputs(TrackingNames.Embed);
        Assert.NotEmpty(steps);
        Assert.All(steps, step => Assert.True(step.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, step.Reason.ToString()));
        Assert.Equal(first.Sources.Select(f => f.HintName + f.Text).Order(), second.Sources.Select(f => f.HintName + f.Text).Order());
    }

    [Fact]
    public void Moving_the_declaration_does_not_embed_again()
    {
        var first = GeneratorRun.WithFiles(Float32Declaration, Float32File);
        var second = first.Rerun(Moved(first));

        AssertEmbedNotRerun(second);
        Assert.Equal(first.Sources.Select(f => f.HintName + f.Text).Order(), second.Sources.Select(f => f.HintName + f.Text).Order());
    }

    [Fact]
    public void Embedding_diagnostics_move_with_the_declaration()
    {
        var first = GeneratorRun.WithFiles(Float32Declaration.Replace("models/tiny.bfw.b64", "models/absent.bfw.b64"), Float32File);
        var second = first.Rerun(Moved(first));

        int Line(GeneratorRun run) => Assert.Single(run.GeneratorDiagnostics, d => d.Id == "BF0030").Location.GetLineSpan().StartLinePosition.Line;
        Assert.Equal(Line(first) + 2, Line(second));
    }

    [Fact]
    public void Another_additional_file_does_not_embed_again_but_new_weights_do()
    {
        var first = GeneratorRun.WithFiles(Float32Declaration, Float32File);
        var other = first.Rerun(driver => driver.AddAdditionalTexts([new InMemoryAdditionalText("/repo/notes.txt", "unrelated")]));
        AssertEmbedNotRerun(other);

        var values = WeightsFiles.Values((3 * 4) + 4 + (4 * 2) + 2);
        values[0] += 1;
        var retrained = new InMemoryAdditionalText(Float32File.Path, EmbeddedWeights.ToText(Signature, values));
        var third = other.Rerun(driver => driver.ReplaceAdditionalText(Float32File, retrained));
        Assert.Contains(third.StepOutputs(TrackingNames.Embed), step => step.Reason == IncrementalStepRunReason.Modified);
        Assert.NotEqual(first.Sources.Single(s => s.HintName.EndsWith(".Embedded.g.cs", System.StringComparison.Ordinal)).Text,
            third.Sources.Single(s => s.HintName.EndsWith(".Embedded.g.cs", System.StringComparison.Ordinal)).Text);
    }

    /// <summary>The run's compilation with two blank lines above the declaration.</summary>
    private static Compilation Moved(GeneratorRun run)
    {
        var tree = run.Input.SyntaxTrees.Single();
        string text = tree.GetText().ToString().Replace("namespace Samples;\n", "namespace Samples;\n\n\n", System.StringComparison.Ordinal);
        return run.Input.ReplaceSyntaxTree(tree, TestCompilation.Parse(text, tree.FilePath));
    }

    /// <summary>Decoding and emission did not run at all (Unchanged would mean they ran and gave the same).</summary>
    private static void AssertEmbedNotRerun(GeneratorRun run)
    {
        var steps = run.StepOutputs(TrackingNames.Embed);
        Assert.NotEmpty(steps);
        Assert.All(steps, step => Assert.Equal(IncrementalStepRunReason.Cached, step.Reason));
    }

    private static void Verify(
        string declaration,
        AdditionalText file,
        [System.Runtime.CompilerServices.CallerFilePath] string testFile = "",
        [System.Runtime.CompilerServices.CallerMemberName] string test = "")
    {
        var run = GeneratorRun.WithFiles(declaration, file);
        Assert.Null(run.Exception);
        Assert.Empty(run.GeneratorDiagnostics);
        Snapshot.Verify(Assert.Single(run.Sources, s => s.HintName == "Samples.Tiny.Embedded.g.cs"), testFile, test);
    }
}
