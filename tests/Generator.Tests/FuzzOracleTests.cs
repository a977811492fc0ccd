using System;
using System.Collections.Generic;
using System.Linq;
using Butterfly.Generator.Tests.Fuzzing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Butterfly.Generator.Tests;

/// <summary>
/// The fuzzer can fail: run over generators broken on purpose, it reports the broken cases with the seed, the case
/// index and the declaration's source, so a failure can be reproduced alone. It also really draws the edge values it
/// promises for parameter types no shipped layer uses yet.
/// </summary>
public sealed class FuzzOracleTests
{
    private const int Cases = 60;

    [Fact]
    public void A_generator_that_throws_fails_every_case_with_a_network()
    {
        var report = Run(() => new BrokenGenerator(BrokenGenerator.Breakage.Throws).AsSourceGenerator());
        var failure = Assert.IsType<string>(report.Failures.First().Failure);
        Assert.Contains("The generator threw", failure, StringComparison.Ordinal);
        Assert.Contains($"{FuzzSettings.SeedVariable}={FuzzSettings.DefaultSeed} {FuzzSettings.CaseVariable}=", failure, StringComparison.Ordinal);
        Assert.Contains("[Network", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void A_generator_whose_code_warns_fails()
    {
        var report = Run(() => new BrokenGenerator(BrokenGenerator.Breakage.EmitsAWarning).AsSourceGenerator());
        Assert.Contains(report.Failures, f => f.Failure!.Contains("Generated code: ", StringComparison.Ordinal) && f.Failure.Contains("CS1030", StringComparison.Ordinal));
        Assert.All(report.Failures, f => Assert.Empty(f.CompilerErrors));
    }

    [Fact]
    public void A_generator_that_emits_nothing_fails_for_valid_declarations()
    {
        var report = Run(() => new BrokenGenerator(BrokenGenerator.Breakage.EmitsNothing).AsSourceGenerator());
        Assert.Contains(report.Failures, f => f.Failure!.Contains("got neither an error nor generated code", StringComparison.Ordinal));
    }

    [Fact]
    public void Edge_values_cover_zero_negative_huge_nan_and_infinities()
    {
        var probe = AttributeVocabulary.Describe(typeof(ProbeAttribute));
        var random = new CaseRandom(FuzzSettings.DefaultSeed, 0);
        var written = string.Join(" ", Enumerable.Range(0, 2000).Select(_ => DeclarationFactory.Attribute(probe, random, edge: true).Render()));
        Assert.All(
            ["size: 0", "-1", "1048576", "268435457", "int.MaxValue", "float.NaN", "float.PositiveInfinity", "float.NegativeInfinity", "0f", "-1f", "1f", "1.5f", "LossFunction)7", "Flag = true"],
            expected => Assert.Contains(expected, written, StringComparison.Ordinal));
    }

    private static FuzzReport Run(Func<ISourceGenerator> generator)
    {
        var report = FuzzRun.Execute(FuzzSettings.DefaultSeed, Enumerable.Range(0, Cases).ToList(), generator);
        Assert.NotEmpty(report.Failures);
        return report;
    }

    /// <summary>An attribute with every parameter type the fuzzer knows how to write, for the edge-value check.</summary>
    [AttributeUsage(AttributeTargets.Class)]
    private sealed class ProbeAttribute : Attribute
    {
        public ProbeAttribute(int size, float rate, LossFunction loss = LossFunction.Auto)
        {
            Size = size;
            Rate = rate;
            Loss = loss;
        }

        public int Size { get; }

        public float Rate { get; }

        public LossFunction Loss { get; }

        public bool Flag { get; set; }
    }

    /// <summary>A stand-in for the real generator that breaks in one chosen way for every [Network] class.</summary>
    private sealed class BrokenGenerator(BrokenGenerator.Breakage breakage) : IIncrementalGenerator
    {
        public enum Breakage
        {
            Throws,
            EmitsAWarning,
            EmitsNothing,
        }

        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var networks = context.SyntaxProvider.ForAttributeWithMetadataName(
                "Butterfly.NetworkAttribute",
                static (_, _) => true,
                static (attributeContext, _) => attributeContext.TargetSymbol.ToDisplayString());
            context.RegisterSourceOutput(networks.Collect(), (production, names) =>
            {
                foreach (string name in names.Distinct(StringComparer.OrdinalIgnoreCase))
                {
                    switch (breakage)
                    {
                        case Breakage.Throws:
                            throw new InvalidOperationException("Broken on purpose for " + name);
                        case Breakage.EmitsAWarning:
                            // Named like the real generator's files, so the fuzzer can tell which case it belongs to.
                            string hint = name.Replace("@", "", StringComparison.Ordinal).Replace('<', '_').Replace('>', '_').Replace(',', '_').Replace(' ', '_');
                            production.AddSource(hint + ".g.cs", SourceText.From("#warning broken on purpose\n", System.Text.Encoding.UTF8));
                            break;
                    }
                }
            });
        }
    }
}
