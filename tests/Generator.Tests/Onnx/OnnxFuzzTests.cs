using System;
using System.Linq;
using Butterfly.Generator.Model;
using Butterfly.Generator.Onnx;
using Butterfly.Generator.Tests.Harness;

namespace Butterfly.Generator.Tests.Onnx;

/// <summary>
/// The importer never crashes on damaged files: every truncation of each test model, and seeded random byte mutations
/// of it, either import or end in an <see cref="ImportException"/> (a diagnostic). Through the whole generator too, for a
/// sample of them.
/// </summary>
public sealed class OnnxFuzzTests
{
    private const int MutationsPerModel = 400;

    [Fact]
    public void Truncated_and_mutated_models_import_or_give_a_diagnostic()
    {
        var random = new Random(20261204);
        int imported = 0, refused = 0;
        foreach (var (name, build) in Butterfly.Onnx.Tests.TestModels.All)
        {
            byte[] model = build();
            for (int length = 0; length < model.Length; length++)
            {
                Classify(name, model.AsSpan(0, length).ToArray(), ref imported, ref refused);
            }

            for (int m = 0; m < MutationsPerModel; m++)
            {
                byte[] mutated = (byte[])model.Clone();
                for (int edits = random.Next(1, 4); edits > 0; edits--)
                {
                    int at = random.Next(mutated.Length);
                    mutated[at] = random.Next(3) switch
                    {
                        0 => (byte)random.Next(256),
                        1 => (byte)(mutated[at] ^ (1 << random.Next(8))),
                        _ => random.Next(2) == 0 ? (byte)0 : (byte)0xFF,
                    };
                }

                Classify(name, mutated, ref imported, ref refused);
            }
        }

        // The fuzzer must reach both ends: mutations in weight values still import, damaged structure is refused.
        Assert.True(imported > 100 && refused > 1000, $"imported {imported}, refused {refused}");
    }

    [Fact]
    public void The_generator_reports_damaged_models_without_throwing()
    {
        byte[] model = Butterfly.Onnx.Tests.TestModels.All["residual.onnx"]();
        var source = OnnxFiles.Declaration();
        for (int length = 0; length < model.Length; length += 97)
        {
            var run = GeneratorRun.WithFiles(source.Text, OnnxFiles.Text("model.onnx", model.AsSpan(0, length).ToArray()));
            Assert.Null(run.Exception);
            var diagnostic = Assert.Single(run.GeneratorDiagnostics);
            Assert.StartsWith("BF00", diagnostic.Id, StringComparison.Ordinal);
            Assert.Equal(source.Span, diagnostic.Location.SourceSpan);
        }
    }

    private static void Classify(string name, byte[] bytes, ref int imported, ref int refused)
    {
        try
        {
            OnnxImporter.Import(bytes, name, "Net", LossKind.Auto);
            imported++;
        }
        catch (ImportException)
        {
            refused++;
        }
        catch (Exception crash)
        {
            Assert.Fail($"{name}, {bytes.Length} bytes ({Convert.ToBase64String(bytes)}): the importer threw {crash}");
        }
    }
}
