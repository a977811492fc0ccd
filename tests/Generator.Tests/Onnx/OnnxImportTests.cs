using System;
using System.Linq;
using Butterfly.Generator.Tests.Harness;
using Microsoft.CodeAnalysis;

namespace Butterfly.Generator.Tests.Onnx;

/// <summary>
/// An imported network's generated code: pinned by a snapshot (the tf2onnx-shaped CNN, whose documentation shows the
/// equivalent attributes and the folded input transpose), compiled without a warning, and cached while the model's
/// text is unchanged. tests/Onnx.Tests runs the imported networks against ONNX Runtime.
/// </summary>
public sealed class OnnxImportTests
{
    private const string Declaration = """
        using Butterfly;

        namespace Samples;

        /// <summary>A Keras CNN converted by tf2onnx.</summary>
        [Network(Onnx = "models/tf2onnx-cnn.onnx")]
        public partial class KerasCnn;
        """;

    private static readonly AdditionalText Model = OnnxFiles.Text("tf2onnx-cnn.onnx", Butterfly.Onnx.Tests.TestModels.All["tf2onnx-cnn.onnx"]());

    [Fact]
    public void Imported_network_file() => Verify("Samples.KerasCnn.g.cs");

    [Fact]
    public void Imported_embedded_file() => Verify("Samples.KerasCnn.Embedded.g.cs");

    [Fact]
    public void Every_test_model_imports_and_compiles_without_warnings()
    {
        foreach (var (name, build) in Butterfly.Onnx.Tests.TestModels.All)
        {
            var run = GeneratorRun.WithFiles(Declaration.Replace("models/tf2onnx-cnn.onnx", name, StringComparison.Ordinal), OnnxFiles.Text(name, build()));
            Assert.Null(run.Exception);
            Assert.Empty(run.GeneratorDiagnostics);
            Assert.Equal(2, run.Sources.Length);
            string problems = string.Join("\n", run.OutputDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
            Assert.True(problems.Length == 0, name + ":\n" + problems);
        }
    }

    [Fact]
    public void An_unchanged_model_is_not_imported_again()
    {
        var first = GeneratorRun.WithFiles(Declaration, Model);
        var second = first.Rerun(TestCompilation.Create(Declaration + "\n// an edit elsewhere\n"));
        Assert.All(second.StepOutputs(TrackingNames.Import), output => Assert.True(output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, output.Reason.ToString()));

        var changed = first.Rerun(driver => driver.ReplaceAdditionalText(Model, OnnxFiles.Text("tf2onnx-cnn.onnx", Butterfly.Onnx.Tests.TestModels.All["mlp.onnx"]())));
        Assert.Contains(changed.StepOutputs(TrackingNames.Import), output => output.Reason == IncrementalStepRunReason.Modified);
    }

    private static void Verify(string hintName, [System.Runtime.CompilerServices.CallerFilePath] string testFile = "", [System.Runtime.CompilerServices.CallerMemberName] string test = "")
    {
        var run = GeneratorRun.WithFiles(Declaration, Model);
        Assert.Null(run.Exception);
        Assert.Empty(run.GeneratorDiagnostics);
        Snapshot.Verify(Assert.Single(run.Sources, s => s.HintName == hintName), testFile, test);
    }
}
