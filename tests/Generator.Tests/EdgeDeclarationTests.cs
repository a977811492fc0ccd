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
    public void Generated_code_compiles_without_warnings(string declaration)
    {
        var run = GeneratorRun.Of("#pragma warning disable CS1591 // the declarations here are not the point\nusing Butterfly;\n" + declaration);
        Assert.Null(run.Exception);
        Assert.Empty(run.InputErrors);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.NotEmpty(run.Sources);
        string problems = string.Join("\n", System.Linq.Enumerable.Where(run.OutputDiagnostics, d => d.Severity >= DiagnosticSeverity.Warning));
        Assert.True(problems.Length == 0, "The output compilation has warnings or errors:\n" + problems);
    }
}
