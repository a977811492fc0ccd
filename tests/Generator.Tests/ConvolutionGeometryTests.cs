using System.Linq;
using Butterfly.Generator.Tests.Harness;
using Microsoft.CodeAnalysis;

namespace Butterfly.Generator.Tests;

/// <summary>
/// <c>[Conv2D]</c>'s settable properties: what they resolve to (and so the signature a weights file is checked against),
/// the kernel calls they compile to, and the diagnostics for a geometry that cannot be.
/// </summary>
public sealed class ConvolutionGeometryTests
{
    [Theory]
    [InlineData("Conv2D(4, 5, padding: 1, KernelHeight = 3, KernelWidth = 3)", "Conv2D(4, 3, 1, 1)")]
    [InlineData("Conv2D(4, 3, stride: 2, StrideHeight = 2, StrideWidth = 2, PadTop = 0)", "Conv2D(4, 3, 2, 0)")]
    [InlineData("Conv2D(4, 3, padding: Padding.Same, PadLeft = 1)", "Conv2D(4, 3, 1, 1)")]
    public void A_square_symmetric_geometry_however_declared_is_the_constructor_form(string declared, string resolved)
    {
        string generated = Generate(declared);
        Assert.Contains($"Signature = \"Input(2, 9, 8) {resolved} Dense(2)\"", generated);
        Assert.DoesNotContain("kernelHeight:", generated);
    }

    [Theory]
    [InlineData("Conv2D(4, 3, KernelWidth = 5)", "Conv2D(4, 3, 1, 0, 5, 1, 0, 0, 0)", "(4, 7, 4)")]
    [InlineData("Conv2D(4, 3, padding: 0, StrideWidth = 2, PadBottom = 1)", "Conv2D(4, 3, 1, 0, 3, 2, 0, 1, 0)", "(4, 8, 3)")]
    [InlineData("Conv2D(4, 3, padding: Padding.Same, KernelWidth = 1)", "Conv2D(4, 3, 1, 1, 1, 1, 0, 1, 0)", "(4, 9, 8)")]
    [InlineData("Conv2D(4, 2, padding: Padding.Same, PadTop = 0, PadBottom = 1, PadLeft = 1, PadRight = 0)", "Conv2D(4, 2, 1, 0, 2, 1, 1, 1, 0)", "(4, 9, 8)")]
    public void A_rectangular_or_asymmetric_geometry_has_every_side_in_its_signature_and_takes_a_shape(string declared, string resolved, string output)
    {
        // Properties may come in any order; the signature lists the constructor's arguments, then KernelWidth,
        // StrideWidth, PadLeft, PadBottom, PadRight, so that it names one geometry.
        string generated = Generate(declared);
        Assert.Contains($"Signature = \"Input(2, 9, 8) {resolved} Dense(2)\"", generated);
        Assert.Contains(output, generated);
        Assert.Contains("new global::Butterfly.Kernels.ConvolutionShape(channels: 2, height: 9, width: 8, filters: 4, ", generated);
        Assert.DoesNotContain("DirectConvolution", generated);
    }

    [Fact]
    public void BF0084_rectangular_window_larger_than_its_padded_input()
    {
        var diagnostic = SingleError("BF0084", "Conv2D(4, 3, KernelHeight = 11, PadTop = 1)");
        Assert.Equal(
            "[Conv2D(4, 11, 1, 1, KernelWidth = 3, PadLeft = 0, PadBottom = 0, PadRight = 0)] has a 11×3 window (rows × columns), larger than its input of 9×8 padded to 10×8: " +
            "use a smaller KernelHeight or KernelWidth, pad the input more (PadTop, PadBottom, PadLeft, PadRight), or remove a layer that shrinks it before this one",
            diagnostic.GetMessage());
    }

    [Fact]
    public void A_stride_past_the_input_gives_one_output()
    {
        // A stride larger than the input is not an error: the window fits, so there is one output row (as ONNX computes it).
        Assert.Contains("(4, 1, 6)", Generate("Conv2D(4, 3, StrideHeight = 20)"));
    }

    [Theory]
    [InlineData("Conv2D(4, 3, padding: Padding.Same, KernelWidth = 4)", "but KernelWidth is 4: make it 3 or 5, or set that axis's padding as numbers (PadLeft, PadRight)")]
    [InlineData("Conv2D(4, 3, padding: Padding.Same, KernelHeight = 2, PadTop = 0)", "but KernelHeight is 2: make it 1 or 3, or set that axis's padding as numbers (PadTop, PadBottom)")]
    public void BF0085_same_padding_of_an_even_side(string layer, string message)
    {
        var diagnostic = SingleError("BF0085", layer);
        Assert.EndsWith(message, diagnostic.GetMessage());
    }

    [Fact]
    public void BF0048_stays_the_diagnostic_of_an_even_square_kernel_with_same_padding() =>
        SingleError("BF0048", "Conv2D(4, 2, padding: Padding.Same)");

    [Fact]
    public void The_declaration_an_import_documents_compiles_to_the_same_geometry()
    {
        // An imported network's documentation writes every property (the resolved form); declared, it resolves to itself.
        string generated = Generate("Conv2D(4, 3, 2, 0, KernelWidth = 5, StrideWidth = 1, PadLeft = 1, PadBottom = 2, PadRight = 1)");
        Assert.Contains("Signature = \"Input(2, 9, 8) Conv2D(4, 3, 2, 0, 5, 1, 1, 2, 1) Dense(2)\"", generated);
        Assert.Contains("(4, 5, 6)", generated);
    }

    private static string Generate(string layer)
    {
        var run = GeneratorRun.Of(Source(layer));
        Assert.Null(run.Exception);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.DoesNotContain(run.OutputDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        return run.SingleSource().Text;
    }

    private static Diagnostic SingleError(string id, string layer)
    {
        var source = MarkedSource.Parse(Source("[|" + layer + "|]"));
        var run = GeneratorRun.Of(source.Text);
        Assert.Null(run.Exception);
        Assert.Empty(run.Sources);
        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(source.Span, diagnostic.Location.SourceSpan);
        return diagnostic;
    }

    private static string Source(string layer) => $$"""
        using Butterfly;

        [Network(Loss = LossFunction.MeanSquaredError)]
        [Input(2, 9, 8)]
        [{{layer}}]
        [Dense(2)]
        public partial class Net;
        """;
}
