using System;
using System.Linq;
using Butterfly.Generator.Tests.Harness;
using Microsoft.CodeAnalysis;

namespace Butterfly.Generator.Tests;

/// <summary>
/// One test per weights-file diagnostic (BF0030 to BF0039): the ID, the span of the <c>[Network]</c> attribute, no
/// generated source for the network's embedded part and no generator exception.
/// </summary>
public sealed class EmbeddedWeightsDiagnosticTests
{
    private const string Signature = "Input(3) Dense(2) Sigmoid Dense(1)";
    private const int ParameterCount = 3 * 2 + 2 + 2 * 1 + 1;

    private const string Declaration = """
        using Butterfly;

        namespace Samples;

        [[|Network(Weights = "tiny.bfw.b64")|]]
        [Input(3)]
        [Dense(2), Sigmoid]
        [Dense(1)]
        public partial class Tiny;
        """;

    private const string Int8Declaration = """
        using Butterfly;

        namespace Samples;

        [[|Network(Weights = "tiny.bfw.b64", Precision = Precision.Int8)|]]
        [Input(3)]
        [Dense(2), Sigmoid]
        [Dense(1)]
        public partial class Tiny;
        """;

    private static readonly string Valid = WeightsFiles.Float32(Signature, ParameterCount);

    [Fact]
    public void BF0030_weights_file_not_among_the_additional_files()
    {
        var diagnostic = SingleError("BF0030", Declaration, new InMemoryAdditionalText("/p/other.bfw.b64", Valid));
        Assert.Contains("'tiny.bfw.b64'", diagnostic.GetMessage());
    }

    [Fact]
    public void BF0030_a_longer_name_that_merely_ends_alike_does_not_match() =>
        SingleError("BF0030", Declaration, new InMemoryAdditionalText("/p/nottiny.bfw.b64", Valid));

    [Fact]
    public void BF0031_two_additional_files_end_with_the_name()
    {
        var diagnostic = SingleError("BF0031", Declaration,
            new InMemoryAdditionalText("/p/a/tiny.bfw.b64", Valid),
            new InMemoryAdditionalText("/p/b/tiny.bfw.b64", Valid));
        Assert.Contains("/p/a/tiny.bfw.b64, /p/b/tiny.bfw.b64", diagnostic.GetMessage());
    }

    [Fact]
    public void BF0032_file_is_not_base64() =>
        SingleError("BF0032", Declaration, new InMemoryAdditionalText("/p/tiny.bfw.b64", "this is not base64!"));

    [Fact]
    public void BF0032_file_cannot_be_read() =>
        SingleError("BF0032", Declaration, new InMemoryAdditionalText("/p/tiny.bfw.b64", null));

    [Fact]
    public void BF0033_file_is_base64_of_something_else()
    {
        var diagnostic = SingleError("BF0033", Declaration, new InMemoryAdditionalText("/p/tiny.bfw.b64", Convert.ToBase64String("hello, world"u8.ToArray())));
        Assert.Contains("\"BFLY\"", diagnostic.GetMessage());
    }

    [Fact]
    public void BF0033_file_is_truncated()
    {
        var bytes = WeightsFiles.Bytes(Valid);
        SingleError("BF0033", Declaration, new InMemoryAdditionalText("/p/tiny.bfw.b64", Convert.ToBase64String(bytes.AsSpan(0, bytes.Length - 9).ToArray())));
    }

    [Fact]
    public void BF0034_a_flipped_bit_fails_the_checksum()
    {
        string corrupt = WeightsFiles.Changed(Valid, bytes => bytes[bytes.Length - 8] ^= 0x10);
        var diagnostic = SingleError("BF0034", Declaration, new InMemoryAdditionalText("/p/tiny.bfw.b64", corrupt));
        Assert.Contains("checksum", diagnostic.GetMessage());
    }

    [Fact]
    public void BF0035_another_format_version()
    {
        var bytes = WeightsFiles.Bytes(Valid);
        bytes[4] = 2;
        var diagnostic = SingleError("BF0035", Declaration, new InMemoryAdditionalText("/p/tiny.bfw.b64", WeightsFiles.Resealed(bytes)));
        Assert.Contains("version 2", diagnostic.GetMessage());
    }

    [Fact]
    public void BF0036_weights_of_another_network()
    {
        string other = WeightsFiles.Float32("Input(4) Dense(2) Sigmoid Dense(1)", 4 * 2 + 2 + 3);
        var diagnostic = SingleError("BF0036", Declaration, new InMemoryAdditionalText("/p/tiny.bfw.b64", other));
        Assert.Contains("'Input(4) Dense(2) Sigmoid Dense(1)'", diagnostic.GetMessage());
    }

    [Fact]
    public void BF0037_right_signature_wrong_parameter_count()
    {
        string misfit = WeightsFiles.Float32(Signature, ParameterCount + 1);
        var diagnostic = SingleError("BF0037", Declaration, new InMemoryAdditionalText("/p/tiny.bfw.b64", misfit));
        Assert.Contains($"it holds {ParameterCount + 1} parameters, the declaration has {ParameterCount}", diagnostic.GetMessage());
    }

    [Fact]
    public void BF0037_quantized_layer_of_the_wrong_shape()
    {
        string misfit = WeightsFiles.Int8(Signature, (2, 3), (1, 3));
        var diagnostic = SingleError("BF0037", Int8Declaration, new InMemoryAdditionalText("/p/tiny.bfw.b64", misfit));
        Assert.Contains("its layer 2 is 1 × 3, but dense_2 is 1 × 2", diagnostic.GetMessage());
    }

    [Fact]
    public void BF0038_int8_declared_but_the_file_holds_float32()
    {
        var diagnostic = SingleError("BF0038", Int8Declaration, new InMemoryAdditionalText("/p/tiny.bfw.b64", Valid));
        Assert.Contains("Precision = Int8", diagnostic.GetMessage());
    }

    [Fact]
    public void BF0038_float32_declared_but_the_file_holds_int8()
    {
        var diagnostic = SingleError("BF0038", Declaration, new InMemoryAdditionalText("/p/tiny.bfw.b64", WeightsFiles.Int8(Signature, (2, 3), (1, 2))));
        Assert.Contains("set Precision = Precision.Int8", diagnostic.GetMessage());
    }

    [Fact]
    public void BF0039_precision_without_weights()
    {
        var source = MarkedSource.Parse("""
            using Butterfly;

            [[|Network(Precision = Precision.Int8)|]]
            [Input(3)]
            [Dense(1)]
            public partial class Tiny;
            """);
        var run = GeneratorRun.Of(source.Text);
        Assert.Null(run.Exception);
        Assert.Empty(run.Sources);
        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("BF0039", diagnostic.Id);
        Assert.Equal(source.Span, diagnostic.Location.SourceSpan);
    }

    /// <summary>
    /// docs/diagnostics.md quotes these messages for its <c>Digits</c> example, which needs additional files and so is
    /// not among the examples the catalogue test compiles.
    /// </summary>
    [Theory]
    [InlineData("BF0030")]
    [InlineData("BF0036")]
    [InlineData("BF0038")]
    public void Documented_message_is_the_one_reported(string id)
    {
        const string Digits = """
            using Butterfly;

            [Network(Weights = "mnist-mlp.bfw.b64")]
            [Input(784)]
            [Dense(100), Sigmoid]
            [Dense(10), Softmax]
            public partial class Digits;
            """;
        const string Mnist = "Input(784) Dense(100) Sigmoid Dense(10) Softmax";
        var run = id switch
        {
            "BF0030" => GeneratorRun.WithFiles(Digits),
            "BF0036" => GeneratorRun.WithFiles(Digits, new InMemoryAdditionalText(
                "/m/mnist-mlp.bfw.b64", WeightsFiles.Float32("Input(784) Dense(128) ReLU Dense(10) Softmax", (784 * 128) + 128 + (128 * 10) + 10))),
            _ => GeneratorRun.WithFiles(
                Digits.Replace("\")]", "\", Precision = Precision.Int8)]"),
                new InMemoryAdditionalText("/m/mnist-mlp.bfw.b64", WeightsFiles.Float32(Mnist, (784 * 100) + 100 + (100 * 10) + 10))),
        };
        var documented = DiagnosticsDocument.Load(RepositoryFiles.DiagnosticsDocument).Sections.Single(s => s.Id == id);
        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal(Assert.Single(documented.Messages), $"{diagnostic.Id}: {diagnostic.GetMessage()}");
    }

    /// <summary>
    /// The run reports exactly one error, <paramref name="id"/>, at the marked span; the network's own file is still
    /// generated (its declaration is valid), its embedded file is not.
    /// </summary>
    private static Diagnostic SingleError(string id, string marked, params AdditionalText[] files)
    {
        var source = MarkedSource.Parse(marked);
        var run = GeneratorRun.WithFiles(source.Text, files);
        Assert.Null(run.Exception);
        Assert.Equal(["Samples.Tiny.g.cs"], run.Sources.Select(s => s.HintName));
        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal("Source0.cs", diagnostic.Location.GetLineSpan().Path);
        Assert.Equal(source.Span, diagnostic.Location.SourceSpan);
        Assert.DoesNotContain("{", diagnostic.GetMessage(), StringComparison.Ordinal);
        return diagnostic;
    }
}
