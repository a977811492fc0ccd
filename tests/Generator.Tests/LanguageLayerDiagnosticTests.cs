using System.Linq;
using Butterfly.Generator.Tests.Harness;
using Microsoft.CodeAnalysis;

namespace Butterfly.Generator.Tests;

/// <summary>
/// BF0050-BF0057: token inputs, embeddings and the hierarchical softmax declared where they cannot work, each at the
/// offending attribute (marked <c>[|...|]</c>), with nothing generated.
/// </summary>
public sealed class LanguageLayerDiagnosticTests
{
    [Fact]
    public void BF0050_token_input_without_an_embedding() =>
        Assert.Contains("first layer is [Dense]", SingleError("BF0050", """
            using Butterfly;
            [Network]
            [Input(4, Vocabulary = 100)]
            [[|Dense(8)|], Tanh]
            [Dense(100), Softmax]
            public partial class Net;
            """).GetMessage());

    [Fact]
    public void BF0051_embedding_after_a_float_input() =>
        Assert.Contains("the input takes floats", SingleError("BF0051", """
            using Butterfly;
            [Network]
            [Input(4)]
            [[|Embedding(100, 8)|]]
            [Dense(100), Softmax]
            public partial class Net;
            """).GetMessage());

    [Fact]
    public void BF0051_embedding_not_first() =>
        Assert.Contains("it is layer 2", SingleError("BF0051", """
            using Butterfly;
            [Network]
            [Input(4, Vocabulary = 100)]
            [Embedding(100, 8), [|Embedding(100, 8)|]]
            [Dense(100), Softmax]
            public partial class Net;
            """).GetMessage());

    [Fact]
    public void BF0052_embedding_of_another_vocabulary() =>
        Assert.Contains("Vocabulary = 100", SingleError("BF0052", """
            using Butterfly;
            [Network]
            [Input(4, Vocabulary = 100)]
            [[|Embedding(99, 8)|]]
            [Dense(100), Softmax]
            public partial class Net;
            """).GetMessage());

    [Fact]
    public void BF0053_vocabulary_beyond_exact_floats() =>
        Assert.Contains("16777216", SingleError("BF0053", """
            using Butterfly;
            [Network]
            [[|Input(4, Vocabulary = 16777217)|]]
            [Embedding(16777217, 1)]
            [Dense(2), Softmax]
            public partial class Net;
            """).GetMessage());

    [Fact]
    public void BF0009_negative_vocabulary() =>
        Assert.Contains("Input Vocabulary", SingleError("BF0009", """
            using Butterfly;
            [Network]
            [[|Input(4, Vocabulary = -3)|]]
            [Dense(2), Softmax]
            public partial class Net;
            """).GetMessage());

    [Fact]
    public void BF0054_hierarchical_softmax_not_last() =>
        Assert.Contains("layer 2 of 3", SingleError("BF0054", """
            using Butterfly;
            [Network]
            [Input(8)]
            [Dense(4), [|HierarchicalSoftmax(10)|], Sigmoid]
            public partial class Net;
            """).GetMessage());

    [Theory]
    [InlineData(1)]
    [InlineData(0)]
    [InlineData(8388609)]
    public void BF0055_hierarchical_softmax_class_count(int classes) =>
        Assert.StartsWith($"[HierarchicalSoftmax({classes})]", SingleError("BF0055", $$"""
            using Butterfly;
            [Network]
            [Input(8)]
            [[|HierarchicalSoftmax({{classes}})|]]
            public partial class Net;
            """).GetMessage());

    [Fact]
    public void BF0056_hierarchical_softmax_with_squared_error() =>
        Assert.Contains("Loss = MeanSquaredError", SingleError("BF0056", """
            using Butterfly;
            [[|Network(Loss = LossFunction.MeanSquaredError)|]]
            [Input(8)]
            [HierarchicalSoftmax(10)]
            public partial class Net;
            """).GetMessage());

    [Fact]
    public void BF0057_embedded_weights_with_token_input() =>
        Assert.Contains("a token input", SingleError("BF0057", """
            using Butterfly;
            [[|Network(Weights = "net.bfw.b64")|]]
            [Input(4, Vocabulary = 100)]
            [Embedding(100, 8)]
            [Dense(100), Softmax]
            public partial class Net;
            """).GetMessage());

    [Fact]
    public void Cross_entropy_is_accepted_with_a_hierarchical_softmax()
    {
        var run = GeneratorRun.Of("""
            using Butterfly;
            [Network(Loss = LossFunction.CrossEntropy)]
            [Input(4, Vocabulary = 100)]
            [Embedding(100, 8)]
            [HierarchicalSoftmax(100)]
            public partial class Net;
            """);
        Assert.Null(run.Exception);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Single(run.Sources);
        Assert.DoesNotContain(run.OutputDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
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
        Assert.Equal(source.Span, diagnostic.Location.SourceSpan);
        Assert.DoesNotContain("{", diagnostic.GetMessage(), System.StringComparison.Ordinal);
        return diagnostic;
    }
}
