using System.Linq;
using Butterfly.Generator.Tests.Harness;
using Microsoft.CodeAnalysis;

namespace Butterfly.Generator.Tests;

/// <summary>
/// Declarations the compiler itself rejects, or that reach the generator with odd values: the generator must not
/// throw, must not pile its own diagnostics on top of the compiler's, and must not emit code for them.
/// </summary>
public sealed class MalformedDeclarationTests
{
    [Theory]
    [InlineData("[Network] [Input(2)] [Dense(\"x\")]")]
    [InlineData("[Network] [Input(2)] [Dense]")]
    [InlineData("[Network] [Input(2)] [Dense(1, 2)]")]
    [InlineData("[Network] [Input(2)] [Dense(1.5)]")]
    [InlineData("[Network] [Input(\"a\")] [Dense(1)]")]
    [InlineData("[Network] [Input(2)] [Dense(Missing.Size)]")]
    [InlineData("[Network(Loss = \"x\")] [Input(2)] [Dense(1)]")]
    [InlineData("[Network(Los = LossFunction.Auto)] [Input(2)] [Dense(1)]")]
    [InlineData("[Network(1)] [Input(2)] [Dense(1)]")]
    [InlineData("[Network] [Network] [Input(2)] [Dense(1)]")]
    public void Attribute_with_a_compile_error_gives_only_compiler_errors(string attributes)
    {
        var run = GeneratorRun.Of($$"""
            using Butterfly;

            {{attributes}}
            public partial class Net;
            """);
        Assert.Null(run.Exception);
        Assert.NotEmpty(run.InputErrors);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.Sources);
    }

    [Fact]
    public void Input_of_null_is_an_input_without_dimensions()
    {
        var run = GeneratorRun.Of("""
            using Butterfly;

            [Network]
            [Input(null)]
            [Dense(1)]
            public partial class Net;
            """);
        Assert.Null(run.Exception);
        Assert.Empty(run.InputErrors);
        Assert.Equal("BF0010", Assert.Single(run.GeneratorDiagnostics).Id);
        Assert.Empty(run.Sources);
    }

    // 2^30 cubed is 2^90, which wraps to 0 in 64-bit arithmetic: the shape must still count as too large.
    [Fact]
    public void Input_whose_length_overflows_64_bits_is_too_large()
    {
        var run = GeneratorRun.Of("""
            using Butterfly;

            [Network]
            [Input(1073741824, 1073741824, 1073741824)]
            [Dense(1)]
            public partial class Net;
            """);
        Assert.Null(run.Exception);
        Assert.Equal("BF0015", Assert.Single(run.GeneratorDiagnostics).Id);
        Assert.Empty(run.Sources);
    }

    [Fact]
    public void Named_and_constant_arguments_are_read_like_literals()
    {
        var run = GeneratorRun.Of("""
            using Butterfly;

            [Network(Loss = LossFunction.MeanSquaredError)]
            [Input(shape: new[] { Sizes.Features })]
            [Dense(units: Sizes.Hidden), Tanh]
            [Dense(Sizes.Hidden / 4)]
            public partial class Net;

            internal static class Sizes
            {
                public const int Features = 6;
                public const int Hidden = 8;
            }
            """);
        Assert.Null(run.Exception);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Contains("public const string Signature = \"Input(6) Dense(8) Tanh Dense(2)\";", run.SingleSource().Text);
        Assert.DoesNotContain(run.OutputDiagnostics, d => d.Severity >= DiagnosticSeverity.Warning);
    }

    // Namespace A.B and class A.B cannot coexist (CS0101), but the generator sees both networks, whose preferred file
    // names are both A.B.Net.g.cs; adding one name twice used to throw and fail the whole generator.
    [Fact]
    public void Networks_with_the_same_file_name_do_not_fail_the_generator()
    {
        var run = GeneratorRun.Of("""
            using Butterfly;

            namespace A
            {
                public partial class B
                {
                    [Network] [Input(2)] [Dense(1)] public partial class Net;
                }
            }

            namespace A.B
            {
                [Network] [Input(2)] [Dense(1)] public partial class Net;
            }
            """);
        Assert.Null(run.Exception);
        Assert.Contains(run.InputErrors, d => d.Id == "CS0101");
        Assert.Equal(["A.B.Net.2.g.cs", "A.B.Net.g.cs"], run.Sources.Select(s => s.HintName).Order(System.StringComparer.Ordinal));
    }
}
