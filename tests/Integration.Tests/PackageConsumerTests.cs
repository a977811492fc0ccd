using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using Butterfly.Tests;

namespace Butterfly.Integration.Tests;

/// <summary>
/// A user's first experience: a brand-new console project takes the Butterfly package from a folder feed,
/// declares a network, builds with warnings as errors, and predicts.
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
        File.WriteAllText(Path.Combine(app, "Program.cs"), """
            using Butterfly;

            var network = new Classifier(seed: 7);
            var output = new float[Classifier.OutputLength];
            network.Predict(new float[Classifier.InputLength], output);
            System.Console.WriteLine($"outputs {output.Length} sum {output.Sum():F3}");
            System.Console.WriteLine(Classifier.Signature);

            [Network]
            [Input(4)]
            [Dense(8), ReLU]
            [Dense(3), Softmax]
            internal partial class Classifier;
            """);

        string output = DotnetCommand.Run(app, "run", "-c", "Release", "-p:TreatWarningsAsErrors=true");

        Assert.Contains("outputs 3 sum 1.000", output);
        Assert.Contains("Input(4) Dense(8) ReLU Dense(3) Softmax", output);
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
