using System.Linq;
using Butterfly.Generator.Tests.Harness;
using Microsoft.CodeAnalysis;

namespace Butterfly.Generator.Tests;

/// <summary>
/// Declarations at the edges of what the emitter handles (one layer, an activation first, a softmax alone, scratch
/// too large for the stack, unusual containers and names): each must generate code that compiles without warnings.
/// </summary>
public sealed class EdgeDeclarationTests
{
    [Theory]
    [InlineData("[Network] [Input(4)] [Dense(2)] public partial class Net;")]
    [InlineData("[Network] [Input(4)] [Softmax] public partial class Net;")]
    [InlineData("[Network(Loss = LossFunction.MeanSquaredError)] [Input(4)] [Softmax] public partial class Net;")]
    [InlineData("[Network] [Input(4)] [ReLU] [Dense(2)] public partial class Net;")]
    [InlineData("[Network] [Input(4)] [Tanh] [Sigmoid] [Dense(3), Softmax] public partial class Net;")]
    [InlineData("[Network] [Input(4)] [Dense(3), Sigmoid, Tanh] [Dense(2)] public partial class Net;")]
    [InlineData("[Network(Loss = LossFunction.MeanSquaredError)] [Input(8)] [Dense(4), Softmax] public partial class Net;")]
    [InlineData("[Network] [Input(3, 8, 8)] [Sigmoid] [Dense(5)] public partial class Net;")]
    [InlineData("[Network] [Input(16)] [Dense(20000), ReLU] [Dense(2), Softmax] public partial class Net;")]
    [InlineData("[Network] [Input(2)] [Dense(1)] internal sealed partial class Net;")]
    [InlineData("[Network] [Input(2)] [Dense(1)] public abstract partial class Net;")]
    [InlineData("namespace @namespace.@event { [Network] [Input(2)] [Dense(1)] public partial class @int; }")]
    [InlineData("namespace A { namespace B { [Network] [Input(2)] [Dense(1)] public partial class Net; } }")]
    [InlineData("public partial record Outer { [Network] [Input(2)] [Dense(1)] public partial class Net; }")]
    [InlineData("public partial record struct Outer { [Network] [Input(2)] [Dense(1)] public partial class Net; }")]
    [InlineData("public partial interface IOuter { [Network] [Input(2)] [Dense(1)] public partial class Net; }")]
    [InlineData("public partial class @object { [Network] [Input(2)] [Dense(1)] private partial class @string; }")]
    [InlineData("[Network] [Input(2)] [Dense(1)] public partial class Net; [Network] [Input(3)] [Dense(1)] public partial class Other;")]
    // Names the generated part must write with '@' even where the user did not (CS8981 for lower case, which the user
    // may silence in their own file only) or did (contextual keywords: CS8860, CS9029, CS9056, CS9062).
    [InlineData("#pragma warning disable CS8981\n[Network] [Input(2)] [Dense(1)] public partial class net;")]
    [InlineData("#pragma warning disable CS8981\nnamespace ns { public partial class outer { [Network] [Input(2)] [Dense(1)] public partial class xor; } }")]
    [InlineData("[Network] [Input(2)] [Dense(1)] public partial class @record;")]
    [InlineData("[Network] [Input(2)] [Dense(1)] public partial class @required;")]
    [InlineData("[Network] [Input(2)] [Dense(1)] public partial class @file;")]
    [InlineData("public partial class @scoped { [Network] [Input(2)] [Dense(1)] public partial class @var; }")]
    [InlineData("public ref partial struct Outer { [Network] [Input(2)] [Dense(1)] public partial class Net; }")]
    // Names the generated statements use, taken over by the user: a type named 'var', a method named 'nameof'.
    [InlineData("[Network] [Input(2)] [Dense(3), Tanh] [Dense(1)] public partial class Net { private sealed class @var; }")]
    [InlineData("[Network] [Input(2)] [Dense(1)] public partial class Net { private static string @nameof(object value) => value.ToString() ?? \"\"; }")]
    // Overloads of generated methods and constructors are legal, and the generated doc comments must still resolve.
    [InlineData("[Network] [Input(2)] [Dense(1)] public partial class Net { public Butterfly.Workspace CreateWorkspace() => new(\"net\", 1, 1); public System.ReadOnlySpan<float> Forward(System.ReadOnlySpan<float> inputs) => inputs; public void Backward() { } }")]
    [InlineData("[Network] [Input(2)] [Dense(1)] public partial class Net { public Net(string name) => Name = name; public string Name { get; } = \"\"; public float[] Predict(float[] input) => input; }")]
    [InlineData("[Network] [Input(2)] [Dense(1)] public partial class Net { public void Predict<T>(System.ReadOnlySpan<float> input, System.Span<float> output) { } public void Predict(in System.ReadOnlySpan<float> input, System.Span<float> output) { } static Net() { } }")]
    [InlineData("[Network] [Input(2)] [Dense(2), Softmax] public partial class Net { public float TrainStep(Butterfly.Workspace w, System.ReadOnlySpan<float> x, System.ReadOnlySpan<float> t, Butterfly.Optimizer o) => 0; }")]
    // Base classes whose members and constructors leave room for the generated ones.
    [InlineData("public abstract class Model { protected Model() { } private int Loss => 0; public virtual int Forward() => Loss; } [Network] [Input(2)] [Dense(1)] public partial class Net : Model;")]
    [InlineData("public class Model { public Model(int size = 3) => Size = size; public int Size { get; } } [Network] [Input(2)] [Dense(1)] public partial class Net : Model;")]
    [InlineData("[Network] [Input(2)] [Dense(1)] public partial class Net : System.Exception;")]
    // Two networks whose file names differ only in case (Roslyn compares hint names ignoring case).
    [InlineData("namespace Models { [Network] [Input(2)] [Dense(1)] public partial class Net; [Network] [Input(3)] [Dense(1)] public partial class NET; }")]
    public void Generated_code_compiles_without_warnings(string declaration)
    {
        var run = GeneratorRun.Of("#pragma warning disable CS1591 // the declarations here are not the point\nusing Butterfly;\n" + declaration);
        Assert.Null(run.Exception);
        Assert.Empty(run.InputErrors);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.NotEmpty(run.Sources);
        string problems = string.Join("\n", run.OutputDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        Assert.True(problems.Length == 0, "The output compilation has warnings or errors:\n" + problems);
    }

    [Fact]
    public void Networks_whose_file_names_differ_only_in_case_get_numbered_files()
    {
        var run = GeneratorRun.Of("""
            using Butterfly;

            namespace Models;

            [Network] [Input(2)] [Dense(1)] public partial class Net;
            [Network] [Input(3)] [Dense(1)] public partial class NET;
            """);
        Assert.Null(run.Exception);
        Assert.Equal(["Models.NET.g.cs", "Models.Net.2.g.cs"], run.Sources.Select(s => s.HintName).Order(System.StringComparer.Ordinal));
        Assert.Contains("partial class NET ", run.Sources.Single(s => s.HintName == "Models.NET.g.cs").Text, System.StringComparison.Ordinal);
    }
}
