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
    [InlineData("BF0066", "Clamp(1f, 0f)", "[Clamp(1, 0)] has max 0 below min 1, so no value lies between them")]
    [InlineData("BF0066", "Clamp(min: 2f, max: -3f)", "[Clamp(2, -3)] has max -3 below min 2")]
    [InlineData("BF0028", "Clamp(float.NaN, 1f)", "Clamp min must be a number or float.NegativeInfinity (no lower bound), but it is NaN")]
    [InlineData("BF0028", "Clamp(float.PositiveInfinity)", "Clamp min must be a number or float.NegativeInfinity (no lower bound), but it is Infinity")]
    [InlineData("BF0028", "Clamp(0f, float.NegativeInfinity)", "Clamp max must be a number or float.PositiveInfinity (no upper bound), but it is -Infinity")]
    public void Impossible_clamps(string id, string layer, string message)
    {
        var diagnostic = SingleError(id, $$"""
            using Butterfly;

            [Network]
            [Input(3)]
            [Dense(4), [|{{layer}}|]]
            [Dense(1)]
            public partial class Net;
            """);
        Assert.StartsWith(message, diagnostic.GetMessage());
    }

    [Theory]
    [InlineData("Clamp")]
    [InlineData("Clamp(float.NegativeInfinity, float.PositiveInfinity)")]
    [InlineData("Clamp(max: float.PositiveInfinity)")]
    public void BF0067_clamp_without_a_bound_is_a_warning_and_compiles_as_the_identity(string layer)
    {
        var source = MarkedSource.Parse($$"""
            using Butterfly;

            [Network]
            [Input(3)]
            [Dense(4), [|{{layer}}|]]
            [Dense(1)]
            public partial class Net;
            """);
        var run = GeneratorRun.Of(source.Text);
        Assert.Null(run.Exception);
        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("BF0067", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Equal(source.Span, diagnostic.Location.SourceSpan);
        Assert.StartsWith("[Clamp(-Infinity, Infinity)] has no finite bound", diagnostic.GetMessage());
        Assert.Contains("Activations.Clamp(", run.SingleSource().Text);
        Assert.DoesNotContain(run.OutputDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
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
    public void Equal_declarations_generate_the_same_code_whatever_is_left_to_its_default()
    {
        string Generated(string layer) => GeneratorRun.Of($$"""
            using Butterfly;

            [Network]
            [Input(3, 4)]
            [{{layer}}]
            [Dense(1)]
            public partial class Net;
            """).SingleSource().Text;

        Assert.Equal(Generated("LayerNorm"), Generated("LayerNorm(1e-5f, Axis = 0)"));
        Assert.Contains("LayerNorm(1E-05, 0)", Generated("LayerNorm"));
        Assert.Equal(Generated("GELU"), Generated("GELU(Exact = false)"));
        Assert.Contains("Signature = \"Input(3, 4) GELU Dense(1)\"", Generated("GELU"));
        Assert.Contains("Signature = \"Input(3, 4) GELU(1) Dense(1)\"", Generated("GELU(Exact = true)"));
        Assert.Contains("Activations.GELUExact(", Generated("GELU(Exact = true)"));
        Assert.Equal(Generated("Clamp(max: 1f)"), Generated("Clamp(float.NegativeInfinity, 1f)"));
    }

    private static Diagnostic SingleError(string id, string marked) => Harness.SingleError.At(id, marked);
}
