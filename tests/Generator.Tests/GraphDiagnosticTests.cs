using Butterfly.Generator.Tests.Harness;
using Microsoft.CodeAnalysis;

namespace Butterfly.Generator.Tests;

/// <summary>
/// The diagnostics of graphs (BF0040 to BF0048), each at the attribute that is wrong: the <c>[From]</c> or the merge
/// that names a bad output, the second of two layers with one name, the merge whose shapes disagree.
/// </summary>
public sealed class GraphDiagnosticTests
{
    [Fact]
    public void BF0040_unknown_name_in_a_merge()
    {
        var diagnostic = Single("BF0040", """
            using Butterfly;

            [Network]
            [Input(16)]
            [Dense(8), ReLU(Name = "a")]
            [Dense(8), [|Add("b")|]]
            [Dense(2), Softmax]
            public partial class Net;
            """);
        Assert.StartsWith("[Add(b)] (layer 4) reads 'b', but no layer or input of network 'Net' has that name", diagnostic.GetMessage());
    }

    [Fact]
    public void BF0040_unknown_name_in_from_is_at_the_from()
    {
        Single("BF0040", """
            using Butterfly;

            [Network]
            [Input(16)]
            [Dense(8), ReLU(Name = "a")]
            [[|From("z")|], Dense(2), Softmax]
            public partial class Net;
            """);
    }

    [Fact]
    public void BF0041_the_second_declaration_of_a_name()
    {
        var diagnostic = Single("BF0041", """
            using Butterfly;

            [Network]
            [Input(16, Name = "x")]
            [Dense(16), [|ReLU(Name = "x")|]]
            [Add("x"), Dense(2), Softmax]
            public partial class Net;
            """);
        Assert.StartsWith("The name 'x' is given to [Input] and again to [ReLU] (layer 2)", diagnostic.GetMessage());
    }

    [Fact]
    public void BF0042_a_layer_reading_its_own_output()
    {
        Single("BF0042", """
            using Butterfly;

            [Network]
            [Input(16)]
            [Dense(16)]
            [[|Add("self", Name = "self")|]]
            [Dense(2), Softmax]
            public partial class Net;
            """);
    }

    [Fact]
    public void BF0043_names_both_shapes()
    {
        var diagnostic = Single("BF0043", """
            using Butterfly;

            [Network]
            [Input(16, Name = "x")]
            [Dense(8), [|Multiply("x")|]]
            [Dense(2), Softmax]
            public partial class Net;
            """);
        Assert.StartsWith("[Multiply(x)] merges 'dense_1' of shape (8) with 'x' of shape (16)", diagnostic.GetMessage());
    }

    [Fact]
    public void BF0043_concat_needs_equal_planes()
    {
        var diagnostic = Single("BF0043", """
            using Butterfly;

            [Network]
            [Input(1, 8, 8, Name = "image")]
            [Conv2D(4, 3), [|Concat("image")|]]
            [Dense(2), Softmax]
            public partial class Net;
            """);
        Assert.Contains("with 'image' of shape (1, 8, 8)", diagnostic.GetMessage());
    }

    [Fact]
    public void BF0044_is_a_warning_and_the_network_still_compiles()
    {
        var source = MarkedSource.Parse("""
            using Butterfly;

            [Network]
            [Input(16, Name = "x")]
            [[|Dense(8)|]]
            [From("x"), Dense(2), Softmax]
            public partial class Net;
            """);
        var run = GeneratorRun.Of(source.Text);
        Assert.Null(run.Exception);
        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal(("BF0044", DiagnosticSeverity.Warning), (diagnostic.Id, diagnostic.Severity));
        Assert.Equal(source.Span, diagnostic.Location.SourceSpan);
        Assert.Single(run.Sources);
        Assert.DoesNotContain(run.OutputDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
    }

    [Fact]
    public void BF0045_a_merge_without_names()
    {
        Single("BF0045", """
            using Butterfly;

            [Network]
            [Input(16)]
            [Dense(16), [|Concat|]]
            [Dense(2), Softmax]
            public partial class Net;
            """);
    }

    [Fact]
    public void BF0046_two_froms_in_a_row()
    {
        Single("BF0046", """
            using Butterfly;

            [Network]
            [Input(16, Name = "x")]
            [Dense(16, Name = "h")]
            [[|From("x")|], From("h"), Dense(2), Softmax]
            public partial class Net;
            """);
    }

    [Fact]
    public void BF0047_an_empty_name()
    {
        Single("BF0047", """
            using Butterfly;

            [Network]
            [Input(16)]
            [[|Dense(16, Name = "")|]]
            [Dense(2), Softmax]
            public partial class Net;
            """);
    }

    [Fact]
    public void BF0048_same_padding_with_an_even_kernel()
    {
        Single("BF0048", """
            using Butterfly;

            [Network]
            [Input(1, 8, 8)]
            [[|Conv2D(2, 2, padding: Padding.Same)|]]
            [Dense(2), Softmax]
            public partial class Net;
            """);
    }

    [Fact]
    public void Same_padding_is_the_number_it_stands_for()
    {
        var same = GeneratorRun.Of("using Butterfly;\n[Network]\n[Input(1, 8, 8)]\n[Conv2D(2, 5, padding: Padding.Same)]\n[Dense(2)]\npublic partial class Net;");
        var two = GeneratorRun.Of("using Butterfly;\n[Network]\n[Input(1, 8, 8)]\n[Conv2D(2, 5, padding: 2)]\n[Dense(2)]\npublic partial class Net;");
        Assert.Empty(same.GeneratorDiagnostics);
        Assert.Equal(Assert.Single(two.Sources).Text, Assert.Single(same.Sources).Text);
    }

    private static Diagnostic Single(string id, string marked) => Harness.SingleError.At(id, marked);
}
