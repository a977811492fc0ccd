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

    [Fact]
    public void BF0074_rectangular_kernel() =>
        Expect("BF0074", [OnnxFiles.Text("model.onnx", OnnxFiles.Conv(3, 1, Ints("pads", 1, 0, 1, 0)))], "Node 'conv1' (Conv)", "3×1", "square kernels");

    [Fact]
    public void BF0074_asymmetric_padding() =>
        Expect("BF0074", [OnnxFiles.Text("model.onnx", OnnxFiles.Conv(3, 3, Ints("pads", 0, 0, 1, 1)))], "(Conv)", "[0, 0, 1, 1]", "same padding on all four sides");

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
    public void BF0080_weights_beside_onnx()
    {
        var source = MarkedSource.Parse("""
            using Butterfly;

            [[|Network(Onnx = "model.onnx", Weights = "model.bfw.b64")|]]
            public partial class Net;
            """);
        Check(GeneratorRun.WithFiles(source.Text, OnnxFiles.Text("model.onnx", OnnxFiles.Small())), source, "BF0080", "Weights");
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

    private static void Check(GeneratorRun run, MarkedSource source, string id, params string[] inMessage)
    {
        Assert.Null(run.Exception);
        Assert.Empty(run.Sources);
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
