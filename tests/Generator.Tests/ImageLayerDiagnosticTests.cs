using Butterfly.Generator.Tests.Harness;
using Microsoft.CodeAnalysis;

namespace Butterfly.Generator.Tests;

/// <summary>
/// The diagnostics of the convolution, pooling, normalization and dropout layers (BF0025 to BF0028, and BF0009 for
/// their sizes): each at the attribute of the layer that cannot be compiled.
/// </summary>
public sealed class ImageLayerDiagnosticTests
{
    [Fact]
    public void BF0025_pooling_a_vector()
    {
        var diagnostic = SingleError("BF0025", """
            using Butterfly;

            [Network]
            [Input(784)]
            [Dense(100), [|MaxPool(2)|]]
            [Dense(10), Softmax]
            public partial class Net;
            """);
        Assert.StartsWith("[MaxPool(2)] needs an input of shape (channels, height, width), but its input has shape (100)", diagnostic.GetMessage());
    }

    [Fact]
    public void BF0025_convolution_after_flatten()
    {
        SingleError("BF0025", """
            using Butterfly;

            [Network]
            [Input(1, 8, 8)]
            [Flatten, [|Conv2D(2, 3)|]]
            [Dense(10), Softmax]
            public partial class Net;
            """);
    }

    [Fact]
    public void BF0026_kernel_larger_than_padded_input()
    {
        var diagnostic = SingleError("BF0026", """
            using Butterfly;

            [Network]
            [Input(2, 3, 6)]
            [[|Conv2D(4, 6, padding: 1)|]]
            [Dense(1)]
            public partial class Net;
            """);
        Assert.StartsWith("[Conv2D(4, 6, 1, 1)] has a 6×6 window, larger than its input of 5×8 (with padding 1)", diagnostic.GetMessage());
    }

    [Fact]
    public void BF0026_pooling_window_larger_than_input()
    {
        SingleError("BF0026", """
            using Butterfly;

            [Network]
            [Input(1, 4, 4)]
            [[|AvgPool(5)|]]
            [Dense(1)]
            public partial class Net;
            """);
    }

    [Theory]
    [InlineData("MaxPool(3, 2)", 7, 8, "[MaxPool(3, 2)]: windows of 3×3 with stride 2 do not tile an input of 7×8, so the output is rounded down and the last 1 column take")]
    [InlineData("AvgPool(2)", 5, 4, "[AvgPool(2)]: windows of 2×2 with stride 2 do not tile an input of 5×4, so the output is rounded down and the last 1 row take")]
    [InlineData("MaxPool(2, 3)", 7, 9, "[MaxPool(2, 3)]: windows of 2×2 with stride 3 do not tile an input of 7×9, so the output is rounded down and the last 2 rows and 1 column take")]
    public void BF0027_pooling_that_does_not_tile_is_a_warning_and_takes_the_floor(string layer, int height, int width, string message)
    {
        var source = MarkedSource.Parse($$"""
            using Butterfly;

            [Network]
            [Input(3, {{height}}, {{width}})]
            [[|{{layer}}|]]
            [Dense(1)]
            public partial class Net;
            """);
        var run = GeneratorRun.Of(source.Text);
        Assert.Null(run.Exception);
        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("BF0027", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Equal(source.Span, diagnostic.Location.SourceSpan);
        Assert.StartsWith(message, diagnostic.GetMessage());

        // The network is generated, with the output rounded down: (H - size) / stride + 1.
        int size = layer.Contains("(3") ? 3 : 2, stride = layer.EndsWith(", 2)") ? 2 : layer.EndsWith(", 3)") ? 3 : 2;
        string shape = $"(3, {(height - size) / stride + 1}, {(width - size) / stride + 1})";
        Assert.Contains(shape, run.SingleSource().Text);
        Assert.DoesNotContain(run.OutputDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
    }

    [Theory]
    [InlineData("BF0028", "Dropout(1f)", "Dropout rate must be in [0, 1), but it is 1")]
    [InlineData("BF0028", "Dropout(-0.5f)", "Dropout rate must be in [0, 1), but it is -0.5")]
    [InlineData("BF0028", "Dropout(float.NaN)", "Dropout rate must be in [0, 1), but it is NaN")]
    [InlineData("BF0028", "LeakyReLU(float.PositiveInfinity)", "LeakyReLU slope must be finite, but it is Infinity")]
    [InlineData("BF0028", "ELU(0f)", "ELU alpha must be positive and finite, but it is 0")]
    [InlineData("BF0028", "BatchNorm(momentum: 0f)", "BatchNorm momentum must be in (0, 1], but it is 0")]
    [InlineData("BF0028", "BatchNorm(epsilon: float.NaN)", "BatchNorm epsilon must be positive and finite, but it is NaN")]
    [InlineData("BF0028", "LocalResponseNormalization(4)", "LocalResponseNormalization size must be odd and positive, but it is 4")]
    [InlineData("BF0028", "LocalResponseNormalization(3, beta: -1f)", "LocalResponseNormalization beta must be finite and not negative, but it is -1")]
    [InlineData("BF0028", "LocalResponseNormalization(3, k: 0f)", "LocalResponseNormalization k must be positive and finite, but it is 0")]
    [InlineData("BF0028", "LocalContrastNormalization(2)", "LocalContrastNormalization size must be odd and positive, but it is 2")]
    [InlineData("BF0028", "Conv2D(2, 3, padding: 3)", "Conv2D padding must be from 0 to kernel - 1 = 2, but it is 3")]
    [InlineData("BF0009", "Conv2D(0, 3)", "Conv2D filters must be positive, but it is 0")]
    [InlineData("BF0009", "Conv2D(2, 3, stride: 0)", "Conv2D stride must be positive, but it is 0")]
    [InlineData("BF0009", "Conv2D(2, 3, KernelHeight = 0)", "Conv2D KernelHeight must be positive, but it is 0")]
    [InlineData("BF0009", "Conv2D(2, 3, KernelWidth = -2)", "Conv2D KernelWidth must be positive, but it is -2")]
    [InlineData("BF0009", "Conv2D(2, 3, StrideHeight = 0)", "Conv2D StrideHeight must be positive, but it is 0")]
    [InlineData("BF0009", "Conv2D(2, 3, StrideWidth = -1)", "Conv2D StrideWidth must be positive, but it is -1")]
    [InlineData("BF0028", "Conv2D(2, 3, PadTop = -1)", "Conv2D PadTop must be from 0 to KernelHeight - 1 = 2, but it is -1")]
    [InlineData("BF0028", "Conv2D(2, 3, KernelWidth = 2, PadRight = 2)", "Conv2D PadRight must be from 0 to KernelWidth - 1 = 1, but it is 2")]
    [InlineData("BF0028", "Conv2D(2, 3, padding: 2, KernelHeight = 2, PadBottom = 0)", "Conv2D padding (the top side's) must be from 0 to KernelHeight - 1 = 1, but it is 2")]
    [InlineData("BF0028", "Conv2D(2, 3, PadLeft = Padding.Same)", "Conv2D PadLeft must be from 0 to KernelWidth - 1 = 2, but it is -1")]
    [InlineData("BF0009", "MaxPool(0)", "MaxPool size must be positive, but it is 0")]
    [InlineData("BF0009", "AvgPool(2, 0)", "AvgPool stride must be positive, but it is 0")]
    public void Argument_out_of_range(string id, string layer, string message)
    {
        var diagnostic = SingleError(id, $$"""
            using Butterfly;

            [Network]
            [Input(2, 5, 5)]
            [[|{{layer}}|]]
            [Dense(1)]
            public partial class Net;
            """);
        Assert.StartsWith(message, diagnostic.GetMessage());
    }

    private static Diagnostic SingleError(string id, string marked) => Harness.SingleError.At(id, marked);
}
