using System;
using System.IO;
using System.Runtime.CompilerServices;

namespace Butterfly.Onnx.Tests;

/// <summary>
/// The committed Models/*.onnx files are what <see cref="TestModels"/> builds, so the code documents them. Set
/// BUTTERFLY_ACCEPT_MODELS=1 to write them again after changing a model (then build again, for the generator to import them).
/// </summary>
public sealed class ModelFileTests
{
    [Fact]
    public void Committed_models_are_the_ones_TestModels_builds()
    {
        bool accept = Environment.GetEnvironmentVariable("BUTTERFLY_ACCEPT_MODELS") == "1";
        foreach (var (name, build) in TestModels.All)
        {
            string path = Path.Combine(ModelsDirectory(), name);
            byte[] built = build();
            if (accept)
            {
                File.WriteAllBytes(path, built);
            }

            Assert.True(File.Exists(path), $"{name} is missing: run with BUTTERFLY_ACCEPT_MODELS=1");
            Assert.True(File.ReadAllBytes(path).AsSpan().SequenceEqual(built), $"{name} differs from what TestModels builds: run with BUTTERFLY_ACCEPT_MODELS=1");
        }
    }

    private static string ModelsDirectory([CallerFilePath] string source = "") => Path.Combine(Path.GetDirectoryName(source)!, "Models");
}
