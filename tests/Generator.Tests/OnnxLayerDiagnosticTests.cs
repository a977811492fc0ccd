using Butterfly.Generator.Tests.Harness;
using Microsoft.CodeAnalysis;

namespace Butterfly.Generator.Tests;

/// <summary>
/// The diagnostics of the layers ONNX models need (layer normalization, clamps, GELU's forms): each at the attribute
/// of the layer that cannot be compiled.
/// </summary>
public sealed class OnnxLayerDiagnosticTests
{
    [Theory]
    [InlineData("LayerNorm(Axis = 2)", "[LayerNorm(1E-05, 2)] normalizes from axis 2, but its input has shape (3, 4), whose axes are 0 to 1 (or -2 to -1 counting from the end)")]
    [InlineData("LayerNorm(Axis = -3)", "[LayerNorm(1E-05, -3)] normalizes from axis -3, but its input has shape (3, 4)")]
    public void BF0064_normalized_axis_outside_the_input(string layer, string message)
    {
        var diagnostic = SingleError("BF0064", $$"""
            using Butterfly;

            [Network]
            [Input(3, 4)]
            [[|{{layer}}|]]
            [Dense(1)]
            public partial class Net;
            """);
        Assert.StartsWith(message, diagnostic.GetMessage());
    }

    [Theory]
    [InlineData("3, 1", "LayerNorm(Axis = -1)")]
    [InlineData("1", "LayerNorm")]
    public void BF0065_normalization_over_one_value(string input, string layer)
    {
        var diagnostic = SingleError("BF0065", $$"""
            using Butterfly;

            [Network]
            [Input({{input}})]
            [[|{{layer}}|]]
            [Dense(1)]
            public partial class Net;
            """);
        Assert.Contains("so x - μ is always 0", diagnostic.GetMessage());
    }

    [Theory]
    [InlineData("LayerNorm(0f)", "LayerNorm epsilon must be positive and finite, but it is 0")]
    [InlineData("LayerNorm(float.PositiveInfinity)", "LayerNorm epsilon must be positive and finite, but it is Infinity")]
    public void BF0028_argument_out_of_range(string layer, string message)
    {
        var diagnostic = SingleError("BF0028", $$"""
            using Butterfly;

            [Network]
            [Input(2, 5, 5)]
            [[|{{layer}}|]]
            [Dense(1)]
            public partial class Net;
            """);
        Assert.StartsWith(message, diagnostic.GetMessage());
    }

    [Fact]
    public void Equal_declarations_have_equal_signatures_whatever_is_left_to_its_default()
    {
        string Signature(string layer) => GeneratorRun.Of($$"""
            using Butterfly;

            [Network]
            [Input(3, 4)]
            [{{layer}}]
            [Dense(1)]
            public partial class Net;
            """).SingleSource().Text;

        Assert.Equal(Signature("LayerNorm"), Signature("LayerNorm(1e-5f, Axis = 0)"));
        Assert.Contains("LayerNorm(1E-05, 0)", Signature("LayerNorm"));
    }

    private static Diagnostic SingleError(string id, string marked)
    {
        var source = MarkedSource.Parse(marked);
        var run = GeneratorRun.Of(source.Text);
        Assert.Null(run.Exception);
        Assert.Empty(run.Sources);
        Assert.Empty(run.InputErrors);
        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(source.Span, diagnostic.Location.SourceSpan);
        return diagnostic;
    }
}
