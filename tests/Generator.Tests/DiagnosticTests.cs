using System.Linq;
using Butterfly.Generator.Tests.Harness;
using Microsoft.CodeAnalysis;

namespace Butterfly.Generator.Tests;

/// <summary>
/// One test per diagnostic the generator reports: the ID, the exact span (the offending attribute's syntax, or the
/// <c>[Network]</c> attribute's for class-level errors), no generated source and no generator exception. Spans are
/// marked in the sources as <c>[|...|]</c>.
/// </summary>
public sealed class DiagnosticTests
{
    [Fact]
    public void BF0001_network_class_not_partial()
    {
        var diagnostic = SingleError("BF0001", """
            using Butterfly;

            [[|Network|]]
            [Input(2)]
            [Dense(1)]
            public class Net;
            """);
        Assert.Contains("'partial class Net'", diagnostic.GetMessage());
    }

    [Fact]
    public void BF0002_containing_type_not_partial()
    {
        var diagnostic = SingleError("BF0002", """
            using Butterfly;

            public class Outer
            {
                [[|Network|]]
                [Input(2)]
                [Dense(1)]
                public partial class Net;
            }
            """);
        Assert.StartsWith("'Outer' contains the network class 'Net'", diagnostic.GetMessage());
    }

    [Fact]
    public void BF0003_network_is_a_record()
    {
        var diagnostic = SingleError("BF0003", """
            using Butterfly;

            [[|Network|]]
            [Input(2)]
            [Dense(1)]
            public partial record Net;
            """);
        Assert.Contains("'Net' is a record", diagnostic.GetMessage());
    }

    // [Network] allows only classes, so on a struct the compiler reports CS0592 too; the generator still explains.
    [Fact]
    public void BF0003_network_is_a_struct_beside_the_compiler_error()
    {
        var diagnostic = SingleError("BF0003", """
            using Butterfly;

            [[|Network|]]
            [Input(2)]
            [Dense(1)]
            public partial struct Net;
            """, compilerErrors: ["CS0592"]);
        Assert.Contains("'Net' is a struct", diagnostic.GetMessage());
    }

    [Fact]
    public void BF0004_network_class_generic()
    {
        SingleError("BF0004", """
            using Butterfly;

            [[|Network|]]
            [Input(2)]
            [Dense(1)]
            public partial class Net<T>;
            """);
    }

    [Fact]
    public void BF0004_network_class_nested_in_a_generic_type()
    {
        SingleError("BF0004", """
            using Butterfly;

            public partial class Outer<T>
            {
                [[|Network|]]
                [Input(2)]
                [Dense(1)]
                public partial class Net;
            }
            """);
    }

    [Fact]
    public void BF0005_network_class_static()
    {
        SingleError("BF0005", """
            using Butterfly;

            [[|Network|]]
            [Input(2)]
            [Dense(1)]
            public static partial class Net;
            """);
    }

    [Fact]
    public void BF0006_no_input()
    {
        SingleError("BF0006", """
            using Butterfly;

            [[|Network|]]
            [Dense(1)]
            public partial class Net;
            """);
    }

    [Fact]
    public void BF0007_input_after_a_layer()
    {
        var diagnostic = SingleError("BF0007", """
            using Butterfly;

            [Network]
            [Dense(1)]
            [[|Input(2)|]]
            public partial class Net;
            """);
        Assert.Contains("move it above [Dense]", diagnostic.GetMessage());
    }

    [Fact]
    public void BF0008_input_twice()
    {
        SingleError("BF0008", """
            using Butterfly;

            [Network]
            [Input(2)]
            [[|Input(3)|]]
            [Dense(1)]
            public partial class Net;
            """);
    }

    [Fact]
    public void BF0009_dense_units_zero()
    {
        var diagnostic = SingleError("BF0009", """
            using Butterfly;

            [Network]
            [Input(2)]
            [[|Dense(0)|]]
            public partial class Net;
            """);
        Assert.StartsWith("Dense units must be positive, but it is 0", diagnostic.GetMessage());
    }

    [Fact]
    public void BF0009_input_dimension_negative()
    {
        var diagnostic = SingleError("BF0009", """
            using Butterfly;

            [Network]
            [[|Input(3, -1)|]]
            [Dense(1)]
            public partial class Net;
            """);
        Assert.StartsWith("Input dimension must be positive, but it is -1", diagnostic.GetMessage());
    }

    [Fact]
    public void BF0010_input_without_dimensions()
    {
        SingleError("BF0010", """
            using Butterfly;

            [Network]
            [[|Input|]]
            [Dense(1)]
            public partial class Net;
            """);
    }

    [Fact]
    public void BF0010_input_with_four_dimensions()
    {
        var diagnostic = SingleError("BF0010", """
            using Butterfly;

            [Network]
            [[|Input(1, 2, 3, 4)|]]
            [Dense(1)]
            public partial class Net;
            """);
        Assert.StartsWith("[Input] takes one to three dimensions but has 4", diagnostic.GetMessage());
    }

    [Fact]
    public void BF0011_softmax_before_the_last_layer()
    {
        var diagnostic = SingleError("BF0011", """
            using Butterfly;

            [Network]
            [Input(2)]
            [[|Softmax|]]
            [Dense(2)]
            public partial class Net;
            """);
        Assert.Contains("layer 1 of 2 is a softmax", diagnostic.GetMessage());
    }

    [Fact]
    public void BF0012_layer_on_another_partial_declaration()
    {
        var diagnostic = SingleError("BF0012", """
            using Butterfly;

            [Network]
            [Input(2)]
            [Dense(1)]
            public partial class Net;

            [[|Sigmoid|]]
            public partial class Net;
            """);
        Assert.StartsWith("[Sigmoid] is on another partial declaration of 'Net'", diagnostic.GetMessage());
    }

    [Fact]
    public void BF0088_log_softmax_before_the_last_layer()
    {
        var diagnostic = SingleError("BF0088", """
            using Butterfly;

            [Network]
            [Input(2)]
            [Dense(3), [|LogSoftmax|]]
            [Dense(2), Softmax]
            public partial class Net;
            """);
        Assert.Contains("layer 2 of 4 is a log-softmax", diagnostic.GetMessage());
    }

    [Fact]
    public void Log_softmax_output_takes_cross_entropy_and_allows_mean_squared_error()
    {
        // [LogSoftmax] pairs with cross-entropy as [Softmax] does: declaring it is no error, and Auto picks it.
        foreach (string loss in new[] { "LossFunction.CrossEntropy", "LossFunction.MeanSquaredError", "LossFunction.Auto" })
        {
            var run = GeneratorRun.Of($$"""
                using Butterfly;

                [Network(Loss = {{loss}})]
                [Input(2)]
                [Dense(3), LogSoftmax]
                public partial class Net;
                """);
            Assert.Empty(run.GeneratorDiagnostics);
            Assert.Empty(run.OutputDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
            string generated = run.SingleSource().Text;
            Assert.Contains(loss == "LossFunction.MeanSquaredError" ? "LossFunction.MeanSquaredError;" : "LossFunction.CrossEntropy;", generated);
        }
    }

    [Fact]
    public void BF0013_cross_entropy_without_softmax()
    {
        var diagnostic = SingleError("BF0013", """
            using Butterfly;

            [[|Network(Loss = LossFunction.CrossEntropy)|]]
            [Input(2)]
            [Dense(2), Sigmoid]
            public partial class Net;
            """);
        Assert.Contains("the last layer is [Sigmoid]", diagnostic.GetMessage());
    }

    // 100,000 × 100,000 weights pass every per-layer check but exceed the 2^28 parameter limit.
    [Fact]
    public void BF0014_too_many_parameters()
    {
        var diagnostic = SingleError("BF0014", """
            using Butterfly;

            [[|Network|]]
            [Input(100000)]
            [Dense(100000)]
            public partial class Net;
            """);
        Assert.Contains("has 10000100000 parameters", diagnostic.GetMessage());
    }

    [Fact]
    public void BF0015_input_too_large()
    {
        SingleError("BF0015", """
            using Butterfly;

            [[|Network|]]
            [Input(16384, 16384, 2)]
            [Dense(1)]
            public partial class Net;
            """);
    }

    [Fact]
    public void BF0016_input_but_no_layers()
    {
        SingleError("BF0016", """
            using Butterfly;

            [[|Network|]]
            [Input(2)]
            public partial class Net;
            """);
    }

    [Fact]
    public void BF0017_class_named_like_a_generated_member()
    {
        var diagnostic = SingleError("BF0017", """
            using Butterfly;

            [[|Network|]]
            [Input(2)]
            [Dense(1)]
            public partial class Predict;
            """);
        Assert.Contains("named 'Predict'", diagnostic.GetMessage());
    }

    // The enum has no eighth member, so only a cast reaches this: the compiler accepts any int as a LossFunction.
    [Fact]
    public void BF0018_loss_outside_the_enum()
    {
        var diagnostic = SingleError("BF0018", """
            using Butterfly;

            [[|Network(Loss = (LossFunction)7)|]]
            [Input(2)]
            [Dense(1)]
            public partial class Net;
            """);
        Assert.StartsWith("Loss value 7 is not a LossFunction member", diagnostic.GetMessage());
    }

    // BF0019 (a layer that cannot take its input shape) cannot be reached through the compiler yet: Dense flattens
    // any input and the activations keep it. PlannerTests.Reports_a_layer_that_rejects_its_input_shape covers the
    // planner's side with a layer kind that rejects every shape.

    [Fact]
    public void BF0017_class_named_like_a_parameter_view()
    {
        var diagnostic = SingleError("BF0017", """
            using Butterfly;

            [[|Network|]]
            [Input(2)]
            [Dense(1)]
            public partial class Dense1WeightsGradient;
            """);
        Assert.Contains("named 'Dense1WeightsGradient'", diagnostic.GetMessage());
    }

    // Guards the reserved list against the emitter: a network class named like any member the generator writes
    // into it would not compile (CS0542), so each such name must be rejected up front.
    [Fact]
    public void BF0017_every_generated_member_name_is_rejected_as_the_class_name()
    {
        var generated = GeneratorRun.Of(SnapshotDeclarations.DeepNetwork).Output.GetTypeByMetadataName("Samples.DeepClassifier")!;
        var names = generated.GetMembers()
            .Where(m => m is not IMethodSymbol { AssociatedSymbol: not null }) // property accessors
            .Where(m => !m.IsImplicitlyDeclared && m.Locations.Any(l => l.SourceTree?.FilePath.EndsWith(".g.cs", System.StringComparison.Ordinal) == true))
            .Select(m => m.Name)
            .Where(name => !name.Contains('.', System.StringComparison.Ordinal)) // constructors and explicit interface implementations
            .Distinct()
            .ToList();
        Assert.Contains("Dense5BiasGradient", names);
        Assert.Contains("WorkspaceFloatsPerSample", names);

        var accepted = names
            .Where(name => !GeneratorRun.Of(SnapshotDeclarations.DeepNetwork.Replace("DeepClassifier", name)).GeneratorDiagnostics.Any(d => d.Id == "BF0017"))
            .ToList();
        Assert.Empty(accepted);
    }

    [Fact]
    public void BF0020_network_class_file_local()
    {
        var diagnostic = SingleError("BF0020", """
            using Butterfly;

            [[|Network|]]
            [Input(2)]
            [Dense(1)]
            file partial class Net;
            """);
        Assert.StartsWith("'Net' is declared 'file'", diagnostic.GetMessage());
    }

    [Fact]
    public void BF0020_network_class_nested_in_a_file_local_type()
    {
        var diagnostic = SingleError("BF0020", """
            using Butterfly;

            file partial class Outer
            {
                [[|Network|]]
                [Input(2)]
                [Dense(1)]
                public partial class Net;
            }
            """);
        Assert.StartsWith("'Outer' is declared 'file', so the network class 'Net'", diagnostic.GetMessage());
    }

    [Fact]
    public void BF0021_property_named_like_a_generated_constant()
    {
        var diagnostic = SingleError("BF0021", """
            using Butterfly;

            [Network]
            [Input(2)]
            [Dense(1)]
            public partial class Net
            {
                public int [|Summary|] => 0;
            }
            """);
        Assert.Equal("'Net' declares 'Summary', but Butterfly generates 'Summary' in it: rename or remove 'Summary'", diagnostic.GetMessage());
    }

    // The generated constructors would be duplicates (CS0111 inside the generated file).
    [Theory]
    [InlineData("public [|Net|]() { }", "'Net()'")]
    [InlineData("internal [|Net|](int size) { _ = size; }", "'Net(int)'")]
    public void BF0021_constructor_with_the_generated_signature(string member, string generated)
    {
        var diagnostic = SingleError("BF0021", $$"""
            using Butterfly;

            [Network]
            [Input(2)]
            [Dense(1)]
            public partial class Net
            {
                {{member}}
            }
            """);
        Assert.Contains("Butterfly generates " + generated, diagnostic.GetMessage());
    }

    [Theory]
    [InlineData("public void [|Predict|](System.ReadOnlySpan<float> input, System.Span<float> output) { }")]
    [InlineData("public static int [|Gradients|]() => 0;")]
    [InlineData("public sealed class [|Forward|] { }")]
    [InlineData("private int [|_parameters|] => 0;")]
    [InlineData("public int [|Dense1WeightsGradient|] { get; set; }")]
    [InlineData("public Butterfly.Workspace [|CreateWorkspace|](int batch) => new(\"\", batch, 1);")]
    public void BF0021_member_with_a_generated_name_or_signature(string member)
    {
        SingleError("BF0021", $$"""
            using Butterfly;

            [Network]
            [Input(2)]
            [Dense(1)]
            public partial class Net
            {
                {{member}}
            }
            """);
    }

    // Predict's scratch for a 20,000-wide hidden layer lives in a per-thread field, so that name is taken only then.
    [Fact]
    public void BF0021_the_per_thread_scratch_field_only_when_the_network_has_one()
    {
        const string Declaration = """
            using Butterfly;

            [Network]
            [Input(2)]
            [Dense(WIDTH), ReLU]
            [Dense(1)]
            public partial class Net
            {
                private static float[]? [|t_predictScratch|];
                public static int Scratch => t_predictScratch?.Length ?? 0;
            }
            """;
        SingleError("BF0021", Declaration.Replace("WIDTH", "20000"));
        var small = GeneratorRun.Of(MarkedSource.Parse(Declaration.Replace("WIDTH", "20")).Text);
        Assert.Empty(small.GeneratorDiagnostics);
        Assert.Single(small.Sources);
    }

    [Fact]
    public void BF0022_inherited_property_named_like_a_generated_constant()
    {
        var diagnostic = SingleError("BF0022", """
            using Butterfly;

            public class Model
            {
                public string Summary => "";
            }

            [[|Network|]]
            [Input(2)]
            [Dense(1)]
            public partial class Net : Model;
            """);
        Assert.Equal("'Net' inherits 'Summary' from 'Model', which the generated 'Summary' would hide: rename it in 'Model', or derive 'Net' from another class", diagnostic.GetMessage());
    }

    // Without the check, the generated Predict hides the virtual one (warning CS0114 in the generated file).
    [Fact]
    public void BF0022_inherited_virtual_method_with_the_generated_signature()
    {
        var diagnostic = SingleError("BF0022", """
            using Butterfly;

            public abstract class Model
            {
                public virtual void Predict(System.ReadOnlySpan<float> input, System.Span<float> output) { }
            }

            [[|Network|]]
            [Input(2)]
            [Dense(1)]
            public partial class Net : Model;
            """);
        Assert.StartsWith("'Net' inherits 'Predict(ReadOnlySpan<float>, Span<float>)' from 'Model'", diagnostic.GetMessage());
    }

    [Fact]
    public void BF0022_network_derived_from_another_network()
    {
        var source = MarkedSource.Parse("""
            using Butterfly;

            [Network]
            [Input(2)]
            [Dense(1)]
            public partial class Parent;

            [[|Network|]]
            [Input(2)]
            [Dense(1)]
            public partial class Child : Parent;
            """);
        var run = GeneratorRun.Of(source.Text);
        Assert.Null(run.Exception);
        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("BF0022", diagnostic.Id);
        Assert.Equal(source.Span, diagnostic.Location.SourceSpan);
        Assert.Contains("from 'Parent'", diagnostic.GetMessage());
        Assert.Equal("Parent.g.cs", Assert.Single(run.Sources).HintName);
    }

    [Fact]
    public void BF0023_base_class_without_a_parameterless_constructor()
    {
        var diagnostic = SingleError("BF0023", """
            using Butterfly;

            public class Model
            {
                public Model(int size) => Size = size;
                public int Size { get; }
            }

            [[|Network|]]
            [Input(2)]
            [Dense(1)]
            public partial class Net : Model
            {
                public Net(string name) : base(name.Length) { }
            }
            """);
        Assert.StartsWith("'Net' derives from 'Model', which has no accessible constructor", diagnostic.GetMessage());
    }

    [Fact]
    public void BF0023_base_class_whose_parameterless_constructor_is_private()
    {
        SingleError("BF0023", """
            using Butterfly;

            public class Model
            {
                private Model() { }
                protected Model(int size) => _ = size;
            }

            [[|Network|]]
            [Input(2)]
            [Dense(1)]
            public partial class Net : Model
            {
                public Net(string name) : base(name.Length) { }
            }
            """);
    }

    // An unread primary-constructor parameter is only a warning (CS9113), so the compiler lets these through.
    [Theory]
    [InlineData("[|()|]")]
    [InlineData("[|(int seed)|]")]
    [InlineData("[|(string name)|]")]
    public void BF0024_primary_constructor(string parameters)
    {
        var diagnostic = SingleError("BF0024", $$"""
            using Butterfly;

            [Network]
            [Input(2)]
            [Dense(1)]
            public partial class Net{{parameters}};
            """);
        Assert.StartsWith("'Net' has a primary constructor", diagnostic.GetMessage());
    }

    [Fact]
    public void Several_errors_in_one_declaration_are_all_reported()
    {
        var source = MarkedSource.Parse("""
            using Butterfly;

            [Network]
            [Input(2)]
            [[|Dense(0)|]]
            [[|Softmax|]]
            [[|Dense(-3)|]]
            public partial class Net;
            """);
        var run = GeneratorRun.Of(source.Text);
        AssertNothingGenerated(run);
        Assert.Equal(
            new[] { ("BF0009", source.Spans[0]), ("BF0011", source.Spans[1]), ("BF0009", source.Spans[2]) },
            run.GeneratorDiagnostics.OrderBy(d => d.Location.SourceSpan.Start).Select(d => (d.Id, d.Location.SourceSpan)));
    }

    [Fact]
    public void Several_class_level_errors_are_all_reported()
    {
        var source = MarkedSource.Parse("""
            using Butterfly;

            [[|Network|]]
            [Input(2)]
            [Dense(1)]
            public static class Net;
            """);
        var run = GeneratorRun.Of(source.Text);
        AssertNothingGenerated(run);
        Assert.Equal(["BF0001", "BF0005"], run.GeneratorDiagnostics.Select(d => d.Id).Order());
        Assert.All(run.GeneratorDiagnostics, d => Assert.Equal(source.Span, d.Location.SourceSpan));
    }

    /// <summary>
    /// Runs the generator on <paramref name="marked"/> and checks that it reports exactly one diagnostic,
    /// <paramref name="id"/>, at the marked span, as an error with a fully formatted message, and generates nothing.
    /// </summary>
    private static Diagnostic SingleError(string id, string marked, string[]? compilerErrors = null)
    {
        var source = MarkedSource.Parse(marked);
        var run = GeneratorRun.Of(source.Text);
        AssertNothingGenerated(run);
        Assert.Equal(compilerErrors ?? [], run.InputErrors.Select(d => d.Id).Distinct());

        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal("Source0.cs", diagnostic.Location.GetLineSpan().Path);
        Assert.Equal(source.Span, diagnostic.Location.SourceSpan);
        Assert.DoesNotContain("{", diagnostic.GetMessage(), System.StringComparison.Ordinal);
        return diagnostic;
    }

    private static void AssertNothingGenerated(GeneratorRun run)
    {
        Assert.Null(run.Exception);
        Assert.Empty(run.Sources);
    }
}
