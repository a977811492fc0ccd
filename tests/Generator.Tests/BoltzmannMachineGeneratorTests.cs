using System.Collections.Generic;
using System.Linq;
using Butterfly.Generator.Emitting;
using Butterfly.Generator.Machines;
using Butterfly.Generator.Tests.Harness;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Butterfly.Generator.Tests;

/// <summary>
/// <c>[BoltzmannMachine]</c> classes: the generated code (pinned by a snapshot, compiled without warnings), the member
/// table the clash checks use, and one test per diagnostic at its attribute (spans marked <c>[|...|]</c>).
/// </summary>
public sealed class BoltzmannMachineGeneratorTests
{
    public const string MnistRbm = """
        using Butterfly;

        namespace Samples;

        /// <summary>784 pixels, 500 binary features.</summary>
        [BoltzmannMachine(visible: 784, hidden: 500)]
        public partial class MnistRbm;
        """;

    public const string GaussianRbm = """
        using Butterfly;

        namespace Samples.Audio;

        /// <summary>Standardized spectra.</summary>
        public static partial class Models
        {
            /// <summary>Real-valued visible units.</summary>
            [BoltzmannMachine(40, 64, Visible = VisibleUnits.Gaussian)]
            public sealed partial class Spectra;
        }
        """;

    [Fact]
    public void Mnist_rbm()
    {
        var run = GeneratorRun.Of(MnistRbm);
        Assert.Null(run.Exception);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.OutputDiagnostics);
        var file = run.SingleSource();
        Assert.Equal("Samples.MnistRbm.g.cs", file.HintName);
        Snapshot.Verify(file);
    }

    [Fact]
    public void Gaussian_machine_nested_in_a_static_class_compiles_without_warnings()
    {
        var run = GeneratorRun.Of(GaussianRbm);
        Assert.Null(run.Exception);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.OutputDiagnostics);
        var file = run.SingleSource();
        Assert.Equal("Samples.Audio.Models.Spectra.g.cs", file.HintName);
        Assert.Contains("public const global::Butterfly.VisibleUnits VisibleUnits = global::Butterfly.VisibleUnits.Gaussian;", file.Text, System.StringComparison.Ordinal);
        Assert.Contains("F(v) = ½‖v - b‖² - Σ_j softplus(c_j + W_j · v)", file.Text, System.StringComparison.Ordinal);
    }

    [Fact]
    public void A_machine_and_a_network_in_one_compilation_both_generate()
    {
        var run = GeneratorRun.Of(MnistRbm, SnapshotDeclarations.MnistMlp);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.OutputDiagnostics);
        Assert.Equal(["Samples.MnistMlp.g.cs", "Samples.MnistRbm.g.cs"], run.Sources.Select(s => s.HintName).Order());
    }

    [Theory]
    [InlineData(MnistRbm)]
    [InlineData(GaussianRbm)]
    public void Table_lists_exactly_the_members_the_emitter_writes(string source)
    {
        var run = GeneratorRun.Of(source);
        var tree = Assert.Single(run.Output.SyntaxTrees, t => t.FilePath.EndsWith(".g.cs", System.StringComparison.Ordinal));
        var declaration = tree.GetRoot().DescendantNodes().OfType<ClassDeclarationSyntax>().Last();
        var type = (INamedTypeSymbol)run.Output.GetSemanticModel(tree).GetDeclaredSymbol(declaration)!;
        var written = type.GetMembers()
            .Where(m => !m.IsImplicitlyDeclared && m.Locations.Any(l => l.SourceTree == tree))
            .Where(m => m is not IMethodSymbol { MethodKind: not (MethodKind.Ordinary or MethodKind.Constructor) })
            .Where(m => m is not IPropertySymbol { ExplicitInterfaceImplementations.Length: > 0 })
            .Select(m => m is IMethodSymbol method
                ? Describe(
                    method.MethodKind == MethodKind.Constructor ? GeneratedMemberKind.Constructor : GeneratedMemberKind.Method,
                    method.Name,
                    method.Parameters.Select(p => p.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)).ToList())
                : Describe(GeneratedMemberKind.Other, m.Name, []))
            .Order();
        Assert.Equal(MachineMembers.All.Select(m => Describe(m.Kind, m.Name, m.ParameterTypes)).Order(), written);
    }

    [Fact]
    public void BF0060_network_and_machine_on_one_class()
    {
        var diagnostic = SingleError("BF0060", """
            using Butterfly;

            [Network]
            [Input(4)]
            [[|BoltzmannMachine(4, 2)|]]
            public partial class Both;
            """);
        Assert.Contains("'Both' carries both [Network] and [BoltzmannMachine]", diagnostic.GetMessage(), System.StringComparison.Ordinal);
    }

    [Fact]
    public void BF0061_machine_too_large()
    {
        var diagnostic = SingleError("BF0061", """
            using Butterfly;

            [[|BoltzmannMachine(100000, 5000)|]]
            public partial class Huge;
            """);
        Assert.Contains("Machine 'Huge' has 500105000 parameters", diagnostic.GetMessage(), System.StringComparison.Ordinal);
    }

    [Fact]
    public void BF0062_unknown_visible_units()
    {
        var diagnostic = SingleError("BF0062", """
            using Butterfly;

            [[|BoltzmannMachine(4, 2, Visible = (VisibleUnits)7)|]]
            public partial class Odd;
            """);
        Assert.StartsWith("Visible value 7 is not a VisibleUnits member", diagnostic.GetMessage(), System.StringComparison.Ordinal);
    }

    [Fact]
    public void BF0063_layer_attribute_on_a_machine()
    {
        var diagnostic = SingleError("BF0063", """
            using Butterfly;

            [BoltzmannMachine(4, 2)]
            [[|Sigmoid|]]
            public partial class Rbm;
            """);
        Assert.Contains("so [Sigmoid] does not apply to it", diagnostic.GetMessage(), System.StringComparison.Ordinal);
    }

    [Fact]
    public void BF0009_sizes_must_be_positive()
    {
        var diagnostic = SingleError("BF0009", """
            using Butterfly;

            [[|BoltzmannMachine(visible: 0, hidden: 3)|]]
            public partial class Empty;
            """);
        Assert.StartsWith("[BoltzmannMachine] visible must be positive, but it is 0", diagnostic.GetMessage(), System.StringComparison.Ordinal);
    }

    [Fact]
    public void BF0001_machine_class_not_partial()
    {
        SingleError("BF0001", """
            using Butterfly;

            [[|BoltzmannMachine(4, 2)|]]
            public class Rbm;
            """);
    }

    [Fact]
    public void BF0021_member_clashes_with_a_generated_member()
    {
        var diagnostic = SingleError("BF0021", """
            using Butterfly;

            [BoltzmannMachine(4, 2)]
            public partial class Rbm
            {
                public int [|Gibbs|] => 0;
            }
            """);
        Assert.Contains("Butterfly generates 'Gibbs(BoltzmannWorkspace, Span<float>, int)'", diagnostic.GetMessage(), System.StringComparison.Ordinal);
    }

    [Fact]
    public void BF0017_machine_class_named_like_a_generated_member()
    {
        SingleError("BF0017", """
            using Butterfly;

            [[|BoltzmannMachine(4, 2)|]]
            public partial class Weights;
            """);
    }

    private static Diagnostic SingleError(string id, string marked, int expectedErrors = 1)
    {
        var source = MarkedSource.Parse(marked);
        var run = GeneratorRun.Of(source.Text);
        Assert.Null(run.Exception);
        Assert.Empty(run.Sources);
        Assert.Empty(run.InputErrors);
        Assert.Equal(expectedErrors == 1 ? [id] : Enumerable.Repeat(id, expectedErrors), run.GeneratorDiagnostics.Select(d => d.Id));
        var diagnostic = run.GeneratorDiagnostics.First(d => d.Location.SourceSpan == source.Span);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.DoesNotContain("{", diagnostic.GetMessage(), System.StringComparison.Ordinal);
        return diagnostic;
    }

    private static string Describe(GeneratedMemberKind kind, string name, IEnumerable<string> parameterTypes) =>
        kind == GeneratedMemberKind.Other ? name : $"{kind} {name}({string.Join(", ", parameterTypes)})";
}
