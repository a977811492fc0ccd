using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using Butterfly.Tests;

namespace Butterfly.Integration.Tests;

/// <summary>
/// A user's first experience: a brand-new console project takes the Butterfly package from a folder feed,
/// declares a network, imports an ONNX model through the package's build targets (one OnnxModel item), builds with
/// warnings as errors, and predicts.
/// </summary>
[Collection(DotnetBuilds.Name)]
public sealed class PackageConsumerTests : IDisposable
{
    // A version no earlier run used, so NuGet's global cache cannot serve a stale package.
    private readonly string _version = "0.0.0-test." + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff");
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "butterfly-consumer-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void A_new_console_project_builds_and_predicts_from_the_packed_package()
    {
        string feed = Path.Combine(_folder, "feed");
        string app = Path.Combine(_folder, "app");
        Directory.CreateDirectory(app);
        string configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        DotnetCommand.Run(
            RepositoryPaths.Root,
            "pack", "src/Runtime/Butterfly.Runtime.csproj", "-c", configuration, "-o", feed, $"-p:PackageVersion={_version}");
        string package = Path.Combine(feed, $"Butterfly.{_version}.nupkg");
        using (var contents = ZipFile.OpenRead(package))
        {
            // The generator, and beside it the IDE's code fixes for its diagnostics.
            var entries = contents.Entries.Select(e => e.FullName).ToList();
            Assert.Contains("analyzers/dotnet/cs/Butterfly.Generator.dll", entries);
            Assert.Contains("analyzers/dotnet/cs/Butterfly.CodeFixes.dll", entries);
            Assert.Contains("build/Butterfly.targets", entries);
            Assert.Contains("buildTransitive/Butterfly.targets", entries);
        }

        DotnetCommand.Run(app, "new", "console", "--framework", "net10.0", "--name", "Consumer", "--output", ".");
        File.WriteAllText(Path.Combine(app, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="butterfly-local" value="{feed}" />
              </packageSources>
            </configuration>
            """);
        DotnetCommand.Run(app, "add", "package", "Butterfly", "--version", _version);
        Directory.CreateDirectory(Path.Combine(app, "models"));
        File.Copy(Path.Combine(RepositoryPaths.Root, "tests", "Onnx.Tests", "Models", "mlp.onnx"), Path.Combine(app, "models", "mlp.onnx"));
        string project = Path.Combine(app, "Consumer.csproj");
        File.WriteAllText(project, File.ReadAllText(project).Replace(
            "</Project>", "  <ItemGroup>\n    <OnnxModel Include=\"models/mlp.onnx\" />\n  </ItemGroup>\n</Project>", StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(app, "Program.cs"), """
            using Butterfly;

            var network = new Classifier(seed: 7);
            var output = new float[Classifier.OutputLength];
            network.Predict(new float[Classifier.InputLength], output);
            System.Console.WriteLine($"outputs {output.Length} sum {output.Sum():F3}");
            System.Console.WriteLine(Classifier.Signature);
            var imported = new float[Imported.OutputLength];
            Imported.PredictEmbedded(new float[Imported.InputLength], imported);
            System.Console.WriteLine($"imported {Imported.Signature} sum {imported.Sum():F3}");

            [Network]
            [Input(4)]
            [Dense(8), ReLU]
            [Dense(3), Softmax]
            internal partial class Classifier;

            [Network(Onnx = "mlp.onnx")]
            internal partial class Imported;
            """);

        string output = DotnetCommand.Run(app, "run", "-c", "Release", "-p:TreatWarningsAsErrors=true");

        Assert.Contains("outputs 3 sum 1.000", output);
        Assert.Contains("Input(4) Dense(8) ReLU Dense(3) Softmax", output);
        Assert.Contains("imported Input(12) Dense(16) ReLU Dense(8) Sigmoid Dense(4) Softmax sum 1.000", output);
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }

        string cached = Path.Combine(
            Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages"),
            "butterfly",
            _version);
        if (Directory.Exists(cached))
        {
            Directory.Delete(cached, recursive: true);
        }
    }
}
