using System.Linq;
using Butterfly.Generator.Model;
using Butterfly.Generator.Parsing;
using Butterfly.Generator.Tests.Harness;
using Microsoft.CodeAnalysis;

namespace Butterfly.Generator.Tests;

/// <summary>
/// The pipeline caches: an edit that does not touch a network recomputes nothing downstream of parsing, and an edit
/// of a network's attributes regenerates it. This holds only if the models compare by value.
/// </summary>
public sealed class IncrementalityTests
{
    private const string Unrelated = """
        namespace Samples;

        internal static class Unrelated
        {
            public static int Answer() => 42;
        }
        """;

    [Fact]
    public void Adding_an_unrelated_file_recomputes_nothing()
    {
        var first = GeneratorRun.Of(SnapshotDeclarations.MnistMlp);
        Assert.Single(first.Sources);

        var second = first.Rerun(first.Input.AddSyntaxTrees(TestCompilation.Parse(Unrelated, "Unrelated.cs")));

        AssertAllCachedOrUnchanged(second, TrackingNames.Parse);
        AssertAllCachedOrUnchanged(second, TrackingNames.Models);
        AssertAllCachedOrUnchanged(second, TrackingNames.Emit);
        AssertOutputsNotRegenerated(second);
        Assert.Equal(first.SingleSource(), second.SingleSource());
    }

    [Fact]
    public void Editing_an_unrelated_file_recomputes_nothing()
    {
        var first = GeneratorRun.Of(SnapshotDeclarations.MnistMlp, Unrelated);
        var unrelated = first.Input.SyntaxTrees.Single(t => t.FilePath == "Source1.cs");
        var edited = TestCompilation.Parse(Unrelated.Replace("42", "43"), unrelated.FilePath);

        var second = first.Rerun(first.Input.ReplaceSyntaxTree(unrelated, edited));

        AssertAllCachedOrUnchanged(second, TrackingNames.Parse);
        AssertAllCachedOrUnchanged(second, TrackingNames.Models);
        AssertOutputsNotRegenerated(second);
    }

    [Fact]
    public void Editing_the_network_in_a_way_that_does_not_change_it_regenerates_nothing()
    {
        var first = GeneratorRun.Of(SnapshotDeclarations.MnistMlp);
        var tree = first.Input.SyntaxTrees.Single();
        // Moves the declaration down a line and changes its spacing: no location is part of a valid model.
        string source = "// The founding article's network\n" + SnapshotDeclarations.MnistMlp.Replace("[Dense(10), Softmax]", "[Dense(10),   Softmax]  // output");
        var edited = TestCompilation.Parse(source, tree.FilePath);

        var second = first.Rerun(first.Input.ReplaceSyntaxTree(tree, edited));

        // The declaration is parsed again, but it yields an equal model, so nothing is emitted again.
        AssertAllCachedOrUnchanged(second, TrackingNames.Models);
        AssertAllCachedOrUnchanged(second, TrackingNames.Emit);
        AssertOutputsNotRegenerated(second);
    }

    [Fact]
    public void Editing_the_network_attributes_regenerates_it()
    {
        var first = GeneratorRun.Of(SnapshotDeclarations.MnistMlp);
        var tree = first.Input.SyntaxTrees.Single();
        var edited = TestCompilation.Parse(SnapshotDeclarations.MnistMlp.Replace("[Dense(100), Sigmoid]", "[Dense(50), Tanh]"), tree.FilePath);

        var second = first.Rerun(first.Input.ReplaceSyntaxTree(tree, edited));

        Assert.Contains(second.StepOutputs(TrackingNames.Models), o => o.Reason is IncrementalStepRunReason.Modified or IncrementalStepRunReason.New);
        Assert.Contains(second.SourceOutputs, o => o.Reason is IncrementalStepRunReason.Modified or IncrementalStepRunReason.New);
        Assert.Contains("Input(784) Dense(50) Tanh Dense(10) Softmax", second.SingleSource().Text);
    }

    // File names are assigned over all networks at once (colliding names get numbers), but the emission before that
    // stays per network: editing one network emits only that one again.
    [Fact]
    public void Editing_one_network_emits_only_that_network_again()
    {
        var first = GeneratorRun.Of(SnapshotDeclarations.MnistMlp, SnapshotDeclarations.ReluRegressor);
        var tree = first.Input.SyntaxTrees.Single(t => t.FilePath == "Source0.cs");
        var edited = TestCompilation.Parse(SnapshotDeclarations.MnistMlp.Replace("[Dense(100), Sigmoid]", "[Dense(50), Tanh]"), tree.FilePath);

        var second = first.Rerun(first.Input.ReplaceSyntaxTree(tree, edited));

        var reasons = second.StepOutputs(TrackingNames.Emit).Select(o => o.Reason).ToList();
        Assert.Equal(2, reasons.Count);
        Assert.Single(reasons, r => r is IncrementalStepRunReason.Modified or IncrementalStepRunReason.New);
        Assert.Single(reasons, r => r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged);
        Assert.Equal(2, second.Sources.Length);
    }

    [Fact]
    public void Models_of_identical_sources_are_equal_but_not_the_same_object()
    {
        var first = SingleModel(GeneratorRun.Of(SnapshotDeclarations.DeepNetwork));
        var second = SingleModel(GeneratorRun.Of(SnapshotDeclarations.DeepNetwork));
        var other = SingleModel(GeneratorRun.Of(SnapshotDeclarations.DeepNetwork.Replace("[Dense(32), ReLU]", "[Dense(33), ReLU]")));

        Assert.NotSame(first, second);
        Assert.NotSame(first.Spec.Layers.First(), second.Spec.Layers.First());
        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void Parse_results_with_diagnostics_are_equal_across_parses()
    {
        const string Invalid = "using Butterfly;\n[Network] [Input(2)] [Dense(0)] public partial class Net;";
        var first = SingleParseResult(GeneratorRun.Of(Invalid));
        var second = SingleParseResult(GeneratorRun.Of(Invalid));

        Assert.NotEmpty(first.Diagnostics);
        Assert.NotSame(first, second);
        Assert.Equal(first, second);
    }

    private static NetworkModel SingleModel(GeneratorRun run) =>
        Assert.IsType<NetworkModel>(Assert.Single(run.StepOutputs(TrackingNames.Models)).Value);

    private static ParseResult SingleParseResult(GeneratorRun run) =>
        Assert.IsType<ParseResult>(Assert.Single(run.StepOutputs(TrackingNames.Parse)).Value);

    private static void AssertAllCachedOrUnchanged(GeneratorRun run, string trackingName)
    {
        var outputs = run.StepOutputs(trackingName);
        Assert.NotEmpty(outputs);
        Assert.All(outputs, o => Assert.True(
            o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
            $"Step '{trackingName}' output was {o.Reason}."));
    }

    private static void AssertOutputsNotRegenerated(GeneratorRun run)
    {
        Assert.NotEmpty(run.SourceOutputs);
        Assert.All(run.SourceOutputs, o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }
}
