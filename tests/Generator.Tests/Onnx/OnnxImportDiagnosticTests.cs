using System;
using System.Linq;
using Butterfly.Generator.Tests.Harness;
using Microsoft.CodeAnalysis;
using Onnx;
using static Butterfly.Bench.Workloads.OnnxGraph;

namespace Butterfly.Generator.Tests.Onnx;

/// <summary>
/// Every bad model is a build error at the [Network] attribute, with its ID, the node's name and op type where there is
/// one, and what is supported; nothing is generated and the generator does not throw.
/// </summary>
public sealed class OnnxImportDiagnosticTests
{
    [Fact]
    public void A_valid_model_imports_without_diagnostics()
    {
        var run = GeneratorRun.WithFiles(OnnxFiles.Declaration().Text, OnnxFiles.Text("model.onnx", OnnxFiles.Small()));
        Assert.Null(run.Exception);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Equal(["Samples.Net.Embedded.g.cs", "Samples.Net.g.cs"], run.Sources.Select(s => s.HintName).Order());
        string problems = string.Join("\n", run.OutputDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        Assert.True(problems.Length == 0, problems);
    }

    [Fact]
    public void BF0070_missing_model() =>
        Expect("BF0070", [], "no additional file", "<OnnxModel Include=\"model.onnx\" />");

    [Fact]
    public void BF0071_ambiguous_model_name()
    {
        var source = OnnxFiles.Declaration();
        var run = GeneratorRun.WithFiles(
            source.Text,
            new InMemoryAdditionalText("/repo/obj/a/model.onnx.b64", Convert.ToBase64String(OnnxFiles.Small())),
            new InMemoryAdditionalText("/repo/obj/b/model.onnx.b64", Convert.ToBase64String(OnnxFiles.Small())));
        Check(run, source, "BF0071", "/repo/obj/a/model.onnx.b64");
    }

    [Fact]
    public void BF0072_text_that_is_not_base64() =>
        Expect("BF0072", [OnnxFiles.Text("model.onnx", "not base64 at all!")], "not base64", "<OnnxModel");

    [Fact]
    public void BF0072_a_file_that_is_not_onnx() =>
        Expect("BF0072", [OnnxFiles.Text("model.onnx", "BFLY this is a weights file, not a model"u8.ToArray())], "not a readable ONNX model");

    [Fact]
    public void BF0072_a_truncated_file()
    {
        byte[] model = OnnxFiles.Small();
        Expect("BF0072", [OnnxFiles.Text("model.onnx", model.AsSpan(0, model.Length / 2).ToArray())], "not a readable ONNX model", "byte");
    }

    [Fact]
    public void BF0072_an_empty_file() =>
        Expect("BF0072", [OnnxFiles.Text("model.onnx", Array.Empty<byte>())], "it has no graph");

    [Fact]
    public void BF0073_unsupported_operator_names_the_node_and_lists_the_supported_ones() =>
        Expect("BF0073", [Model(g => g.Node[1] = OnnxFiles.Named(Node("Hardmax", ["z"], "y"), "hard"))], "Node 'hard'", "Hardmax", "Gemm, GlobalAveragePool");

    [Fact]
    public void BF0073_operator_of_another_domain() =>
        Expect("BF0073", [Model(g => g.Node[1] = OnnxFiles.Named(new NodeProto { OpType = "FusedGemm", Domain = "com.microsoft", Input = { "z" }, Output = { "y" } }, "fused"))], "com.microsoft.FusedGemm");

    [Theory]
    [InlineData(3, 1, "Conv2D(4, 3, 1, 1, 1, 1, 0, 1, 0)")]
    [InlineData(3, 3, "Conv2D(4, 3, 1, 0, 3, 1, 0, 1, 1)")]
    public void A_rectangular_kernel_or_asymmetric_padding_imports(int kernelHeight, int kernelWidth, string layer)
    {
        var run = GeneratorRun.WithFiles(
            OnnxFiles.Declaration().Text,
            OnnxFiles.Text("model.onnx", OnnxFiles.Conv(kernelHeight, kernelWidth, Ints("pads", kernelHeight == kernelWidth ? [0, 0, 1, 1] : [1, 0, 1, 0]))));
        Assert.Null(run.Exception);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Contains(layer, run.Sources.Single(s => s.HintName == "Samples.Net.g.cs").Text);
    }

    [Fact]
    public void BF0074_dilated_convolution() =>
        Expect("BF0074", [OnnxFiles.Text("model.onnx", OnnxFiles.Conv(3, 3, Ints("dilations", 2, 2)))], "Node 'conv1' (Conv)", "dilations [2, 2]", "dilations of 1");

    [Fact]
    public void BF0074_negative_pads() =>
        Expect("BF0074", [OnnxFiles.Text("model.onnx", OnnxFiles.Conv(3, 3, Ints("pads", 0, -1, 0, 0)))], "(Conv)", "pads [0, -1, 0, 0]", "four non-negative pads");

    [Fact]
    public void BF0074_strides_of_one_axis() =>
        Expect("BF0074", [OnnxFiles.Text("model.onnx", OnnxFiles.Conv(3, 3, Ints("strides", 2)))], "(Conv)", "strides [2]", "a positive stride along each of the two axes");

    [Fact]
    public void BF0083_padding_as_wide_as_the_kernel() =>
        Expect("BF0083", [OnnxFiles.Text("model.onnx", OnnxFiles.Conv(3, 2, Ints("pads", 0, 2, 0, 0)))], "Node 'conv1' (Conv)", "PadLeft must be from 0 to KernelWidth - 1 = 1, but it is 2");

    [Fact]
    public void BF0074_padded_pooling()
    {
        var graph = new GraphProto { Name = "pool" };
        graph.Input.Add(Value("x", 1, 1, 5, 5));
        graph.Output.Add(Value("y", 1, 1, 3, 3));
        graph.Node.Add(OnnxFiles.Named(Node("MaxPool", ["x"], "y", Ints("kernel_shape", 2, 2), Ints("strides", 2, 2), Ints("pads", 0, 0, 1, 1)), "pool1"));
        Expect("BF0074", [OnnxFiles.Text("model.onnx", Bench.Workloads.OnnxGraph.Model(graph))], "Node 'pool1' (MaxPool)", "[0, 0, 1, 1]", "pooling without padding");
    }

    [Fact]
    public void BF0074_unknown_attribute() =>
        Expect("BF0074", [Model(g => g.Node[0].Attribute.Add(Int("transpose_everything", 1)))], "Node 'fc' (Gemm)", "'transpose_everything'", "'transB'");

    [Fact]
    public void BF0074_grouped_convolution() =>
        Expect("BF0074", [OnnxFiles.Text("model.onnx", OnnxFiles.Conv(3, 3, Int("group", 2)))], "group = 2", "group = 1");

    [Fact]
    public void BF0075_float64_weights() =>
        Expect("BF0075", [Model(g =>
        {
            var w = g.Initializer[0];
            var doubles = w.FloatData.Select(v => (double)v).ToArray();
            w.FloatData.Clear();
            w.DataType = (int)TensorProto.Types.DataType.Double;
            w.DoubleData.Add(doubles);
        })], "tensor 'w'", "float64", "float32 models only");

    [Fact]
    public void BF0075_integer_input() =>
        Expect("BF0075", [Model(g => g.Input[0].Type.TensorType.ElemType = (int)TensorProto.Types.DataType.Int64)], "input 'x'", "int64");

    [Fact]
    public void BF0076_symbolic_feature_dimension()
    {
        Expect("BF0076", [Model(g => g.Input[0].Type.TensorType.Shape.Dim[1] = new TensorShapeProto.Types.Dimension { DimParam = "features" })], "'x'", "[1, 'features']");
    }

    [Fact]
    public void BF0076_a_symbolic_batch_is_fine()
    {
        var run = GeneratorRun.WithFiles(OnnxFiles.Declaration().Text, Model(g => g.Input[0].Type.TensorType.Shape.Dim[0] = new TensorShapeProto.Types.Dimension { DimParam = "batch" }));
        Assert.Empty(run.GeneratorDiagnostics);
    }

    [Fact]
    public void BF0077_initializer_size_mismatch() =>
        Expect("BF0077", [Model(g => g.Initializer[1].FloatData.RemoveAt(2))], "Tensor 'b'", "[3]", "takes 3 values, but it holds 2");

    [Fact]
    public void BF0078_two_inputs() =>
        Expect("BF0078", [Model(g => g.Input.Add(Value("mask", 1, 4)))], "2 graph inputs ('x', 'mask')");

    [Fact]
    public void BF0078_two_outputs() =>
        Expect("BF0078", [Model(g => g.Output.Add(Value("z", 1, 3)))], "2 graph outputs");

    [Fact]
    public void BF0079_layers_beside_onnx()
    {
        var source = MarkedSource.Parse("""
            using Butterfly;

            [Network(Onnx = "model.onnx")]
            [[|Input(4)|]]
            public partial class Net;
            """);
        Check(GeneratorRun.WithFiles(source.Text, OnnxFiles.Text("model.onnx", OnnxFiles.Small())), source, "BF0079", "[Input]");
    }

    [Fact]
    public void Weights_beside_onnx_embed_int8_weights_from_the_quantizer()
    {
        var run = WithWeights("Weights = \"model.bfq.b64\", Precision = Precision.Int8", WeightsFiles.Int8(SmallSignature, (3, 4)));
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Equal(["Samples.Net.Embedded.g.cs", "Samples.Net.g.cs"], run.Sources.Select(s => s.HintName).Order());
        string embedded = Assert.Single(run.Sources, s => s.HintName == "Samples.Net.Embedded.g.cs").Text;
        Assert.Contains("EmbeddedInt8Weights", embedded);
        Assert.Contains("Int8Gemv.MultiplyAddBias", embedded);
        Assert.Contains("'model.bfq.b64'", embedded);
        string problems = string.Join("\n", run.OutputDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        Assert.True(problems.Length == 0, problems);
    }

    [Fact]
    public void Weights_beside_onnx_embed_fine_tuned_float32_weights()
    {
        var run = WithWeights("Weights = \"tuned.bfw.b64\"", WeightsFiles.Float32(SmallSignature, 15), "tuned.bfw.b64");
        Assert.Empty(run.GeneratorDiagnostics);
        string embedded = Assert.Single(run.Sources, s => s.HintName == "Samples.Net.Embedded.g.cs").Text;
        Assert.Contains("EmbeddedParameterBits", embedded);
        Assert.Contains("'tuned.bfw.b64'", embedded);
        Assert.DoesNotContain("'model.onnx'", embedded);
        Assert.Empty(run.OutputDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    [Fact]
    public void Weights_beside_onnx_that_do_not_fit_the_import_are_reported_at_the_attribute()
    {
        // A quantized file of another network: its signature is not the imported one (BF0036), at [Network].
        var source = MarkedSource.Parse("""
            using Butterfly;

            namespace Samples;

            [[|Network(Onnx = "model.onnx", Weights = "model.bfq.b64", Precision = Precision.Int8)|]]
            public partial class Net;
            """);
        var other = new InMemoryAdditionalText("/repo/model.bfq.b64", WeightsFiles.Int8("Input(4) Dense(2) Softmax", (2, 4)));
        CheckWeights(GeneratorRun.WithFiles(source.Text, OnnxFiles.Text("model.onnx", OnnxFiles.Small()), other), source, "BF0036", "Input(4) Dense(2) Softmax", "Input(4) Dense(3) Softmax");

        // Float32 weights declared as int8 (BF0038), and a file that is not there (BF0030).
        var float32 = new InMemoryAdditionalText("/repo/model.bfq.b64", WeightsFiles.Float32(SmallSignature, 15));
        CheckWeights(GeneratorRun.WithFiles(source.Text, OnnxFiles.Text("model.onnx", OnnxFiles.Small()), float32), source, "BF0038", "float32");
        CheckWeights(GeneratorRun.WithFiles(source.Text, OnnxFiles.Text("model.onnx", OnnxFiles.Small())), source, "BF0030", "model.bfq.b64");
    }

    [Fact]
    public void Int8_weights_for_an_import_without_int8_code_are_refused()
    {
        // A convolution has no int8 code: a quantized file cannot fit it (BF0037), whatever it holds.
        var source = MarkedSource.Parse("""
            using Butterfly;

            namespace Samples;

            [[|Network(Onnx = "model.onnx", Weights = "model.bfq.b64", Precision = Precision.Int8)|]]
            public partial class Net;
            """);
        var run = GeneratorRun.WithFiles(source.Text, OnnxFiles.Text("model.onnx", OnnxFiles.Conv(3, 3, Ints("pads", 1, 1, 1, 1))),
            new InMemoryAdditionalText("/repo/model.bfq.b64", WeightsFiles.Int8("Input(2, 6, 6) Conv2D(4, 3, 1, 1)", (4, 18))));
        CheckWeights(run, source, "BF0037", "conv2d_1 (Conv2D) has no int8 code");
    }

    [Fact]
    public void BF0021_imported_class_member_clashes_with_a_generated_member()
    {
        // The generated members are known only after the import; the error is still at the user's member, and no file is
        // generated (as for a declared network), so nothing points into generated code.
        var source = MarkedSource.Parse("""
            using System;
            using Butterfly;

            namespace Samples;

            [Network(Onnx = "model.onnx")]
            public partial class Net
            {
                public static int [|InputLength|] => 4;

                public void [|Predict|](ReadOnlySpan<float> input, Span<float> output) { }

                public void Predict(ReadOnlySpan<float> input) { }

                public static void [|PredictEmbedded|](ReadOnlySpan<float> input, Span<float> output) { }
            }
            """);
        var run = GeneratorRun.WithFiles(source.Text, OnnxFiles.Text("model.onnx", OnnxFiles.Small()));
        Assert.Null(run.Exception);
        Assert.Empty(run.Sources);
        var diagnostics = run.GeneratorDiagnostics.OrderBy(d => d.Location.SourceSpan.Start).ToList();
        Assert.Equal(["BF0021", "BF0021", "BF0021"], diagnostics.Select(d => d.Id));
        Assert.Equal(source.Spans, diagnostics.Select(d => d.Location.SourceSpan));
        Assert.Contains("Butterfly generates 'Predict(ReadOnlySpan<float>, Span<float>)'", diagnostics[1].GetMessage(), StringComparison.Ordinal);
        Assert.Empty(run.OutputDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error && !d.Id.StartsWith("BF", StringComparison.Ordinal)));
    }

    [Fact]
    public void BF0021_imported_class_with_int8_weights_checks_the_int8_data_members()
    {
        var source = MarkedSource.Parse("""
            using Butterfly;

            namespace Samples;

            [Network(Onnx = "model.onnx", Weights = "model.bfq.b64", Precision = Precision.Int8)]
            public partial class Net
            {
                private static readonly int [|EmbeddedInt8Weights|] = 0;

                private static readonly int EmbeddedParameterBits = 0;
            }
            """);
        var run = GeneratorRun.WithFiles(source.Text, OnnxFiles.Text("model.onnx", OnnxFiles.Small()),
            new InMemoryAdditionalText("/repo/model.bfq.b64", WeightsFiles.Int8(SmallSignature, (3, 4))));
        Assert.Empty(run.Sources);
        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal(("BF0021", source.Span), (diagnostic.Id, diagnostic.Location.SourceSpan));
    }

    [Fact]
    public void BF0022_imported_class_inherits_a_clashing_member()
    {
        var source = MarkedSource.Parse("""
            using Butterfly;

            namespace Samples;

            public class Base
            {
                public string Summary => "mine";
            }

            [[|Network(Onnx = "model.onnx")|]]
            public partial class Net : Base;
            """);
        var run = GeneratorRun.WithFiles(source.Text, OnnxFiles.Text("model.onnx", OnnxFiles.Small()));
        Check(run, source, "BF0022", "inherits 'Summary' from 'Base'");
    }

    [Fact]
    public void Imported_class_members_that_overload_or_differ_are_fine_and_editing_them_does_not_import_again()
    {
        const string Declaration = """
            using System;
            using Butterfly;

            namespace Samples;

            [Network(Onnx = "model.onnx")]
            public partial class Net
            {
                public void Predict(ReadOnlySpan<float> input) { }

                public int Calls { get; set; }
            }
            """;
        var model = OnnxFiles.Text("model.onnx", OnnxFiles.Small());
        var first = GeneratorRun.WithFiles(Declaration, model);
        Assert.Empty(first.GeneratorDiagnostics);
        Assert.Equal(2, first.Sources.Length);
        Assert.Empty(first.OutputDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));

        // A member renamed into a clash: reported, while the model is not imported again.
        var second = first.Rerun(TestCompilation.Create(Declaration.Replace("public int Calls", "public int Signature", StringComparison.Ordinal)));
        Assert.Equal("BF0021", Assert.Single(second.GeneratorDiagnostics).Id);
        Assert.Empty(second.Sources);
        Assert.All(second.StepOutputs(TrackingNames.Import), output => Assert.True(output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, output.Reason.ToString()));
    }

    private const string SmallSignature = "Input(4) Dense(3) Softmax";

    private static GeneratorRun WithWeights(string arguments, string weights, string weightsName = "model.bfq.b64")
    {
        string declaration = $$"""
            using Butterfly;

            namespace Samples;

            /// <summary>The small model with weights of its own.</summary>
            [Network(Onnx = "model.onnx", {{arguments}})]
            public partial class Net;
            """;
        var run = GeneratorRun.WithFiles(declaration, OnnxFiles.Text("model.onnx", OnnxFiles.Small()), new InMemoryAdditionalText("/repo/" + weightsName, weights));
        Assert.Null(run.Exception);
        return run;
    }

    [Fact]
    public void BF0081_computed_weights() =>
        Expect("BF0081", [Model(g => g.Node[0].Input[1] = "x")], "Node 'fc' (Gemm)", "must be a constant");

    [Fact]
    public void BF0081_softmax_before_the_output() =>
        Expect("BF0081", [Model(g =>
        {
            g.Node[1].Output[0] = "p";
            g.Node.Add(Node("Relu", ["p"], "y"));
        })], "Node 'softmax'", "output layer");

    [Fact]
    public void BF0081_log_softmax_before_the_output() =>
        Expect("BF0081", [Model(g =>
        {
            g.Node[1] = OnnxFiles.Named(Node("LogSoftmax", ["z"], "p"), "log_probs");
            g.Node.Add(Node("Relu", ["p"], "y"));
        })], "Node 'log_probs' (LogSoftmax)", "output layer");

    [Fact]
    public void BF0074_log_softmax_over_one_axis_of_several()
    {
        // From opset 13 LogSoftmax normalizes one axis (default -1): over [N, 2, 3] that is each row of 3, not the sample.
        var graph = new GraphProto { Name = "rows" };
        graph.Input.Add(Value("x", 1, 2, 3));
        graph.Output.Add(Value("y", 1, 2, 3));
        graph.Node.Add(OnnxFiles.Named(Node("LogSoftmax", ["x"], "y"), "rows"));
        Expect("BF0074", [OnnxFiles.Text("model.onnx", Bench.Workloads.OnnxGraph.Model(graph, opset: 13))], "Node 'rows' (LogSoftmax)", "axis = -1 over [N, 2, 3]", "LogSoftmax over all of each sample's values");
    }

    [Fact]
    public void Log_softmax_before_opset_13_normalizes_from_its_axis_on()
    {
        // Opset 11's LogSoftmax at axis 1 coerces [N, 2, 3] to [N, 6]: the whole sample, which Butterfly's layer is.
        var graph = new GraphProto { Name = "whole" };
        graph.Input.Add(Value("x", 1, 2, 3));
        graph.Output.Add(Value("y", 1, 2, 3));
        graph.Node.Add(Node("LogSoftmax", ["x"], "y", Int("axis", 1)));
        var run = GeneratorRun.WithFiles(OnnxFiles.Declaration().Text, OnnxFiles.Text("model.onnx", Bench.Workloads.OnnxGraph.Model(graph, opset: 11)));
        Assert.Null(run.Exception);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Contains("\"Input(2, 3) LogSoftmax\"", Assert.Single(run.Sources, s => s.HintName == "Samples.Net.g.cs").Text);

        graph.Node[0] = Node("LogSoftmax", ["x"], "y", Int("axis", 2));
        var rows = GeneratorRun.WithFiles(OnnxFiles.Declaration().Text, OnnxFiles.Text("model.onnx", Bench.Workloads.OnnxGraph.Model(graph, opset: 11)));
        Assert.Equal("BF0074", Assert.Single(rows.GeneratorDiagnostics).Id);
    }

    [Fact]
    public void BF0081_a_hidden_transpose_that_reaches_the_output_through_an_activation()
    {
        // An activation passes a pending transpose on, but nothing absorbs it here: the output would be in the wrong order.
        var graph = new GraphProto { Name = "transposed" };
        graph.Input.Add(Value("x", 1, 2, 3, 4));
        graph.Output.Add(Value("y", 1, 3, 4, 2));
        graph.Node.Add(Node("Sigmoid", ["x"], "s"));
        graph.Node.Add(Node("Transpose", ["s"], "t", Ints("perm", 0, 2, 3, 1)));
        graph.Node.Add(OnnxFiles.Named(Node("Relu", ["t"], "y"), "relu"));
        Expect("BF0081", [OnnxFiles.Text("model.onnx", Bench.Workloads.OnnxGraph.Model(graph))], "Node 'relu'", "in its stored order");
    }

    [Fact]
    public void BF0082_opset_too_old() =>
        Expect("BF0082", [OnnxFiles.Text("model.onnx", OnnxFiles.Small(opset: 7))], "operator set 7", "9 to 21");

    [Fact]
    public void BF0083_kernel_larger_than_the_image() =>
        Expect("BF0083", [OnnxFiles.Text("model.onnx", OnnxFiles.Conv(7, 7))], "Node 'conv1' (Conv)", "[Conv2D(4, 7, 1, 0)]");

    [Fact]
    public void Pooling_windows_that_do_not_tile_take_the_floor_as_ONNX_does()
    {
        var graph = new GraphProto { Name = "pool" };
        graph.Input.Add(Value("x", 1, 1, 5, 5));
        graph.Output.Add(Value("y", 1, 1, 2, 2));
        graph.Node.Add(OnnxFiles.Named(Node("MaxPool", ["x"], "y", Ints("kernel_shape", 2, 2), Ints("strides", 2, 2)), "pool1"));
        var run = GeneratorRun.WithFiles(OnnxFiles.Declaration().Text, OnnxFiles.Text("model.onnx", Bench.Workloads.OnnxGraph.Model(graph)));
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Contains("OutputLength = 4;", Assert.Single(run.Sources, s => s.HintName == "Samples.Net.g.cs").Text, StringComparison.Ordinal);
    }

    private static AdditionalText Model(Action<GraphProto> edit) => OnnxFiles.Text("model.onnx", OnnxFiles.Small(edit));

    private static void Expect(string id, AdditionalText[] files, params string[] inMessage)
    {
        var source = OnnxFiles.Declaration();
        Check(GeneratorRun.WithFiles(source.Text, files), source, id, inMessage);
    }

    private static void Check(GeneratorRun run, MarkedSource source, string id, params string[] inMessage) => Check(run, source, [], id, inMessage);

    /// <summary>A weights file that does not fit: the imported network's own file is generated, its embedded file is not.</summary>
    private static void CheckWeights(GeneratorRun run, MarkedSource source, string id, params string[] inMessage) =>
        Check(run, source, ["Samples.Net.g.cs"], id, inMessage);

    private static void Check(GeneratorRun run, MarkedSource source, string[] sources, string id, params string[] inMessage)
    {
        Assert.Null(run.Exception);
        Assert.Equal(sources, run.Sources.Select(s => s.HintName));
        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(source.Span, diagnostic.Location.SourceSpan);
        string message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        foreach (string part in inMessage)
        {
            Assert.Contains(part, message, StringComparison.Ordinal);
        }
    }
}
