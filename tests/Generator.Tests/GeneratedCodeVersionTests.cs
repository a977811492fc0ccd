using System.IO;
using System.Text.RegularExpressions;
using Butterfly.Generator.Tests.Harness;

namespace Butterfly.Generator.Tests;

/// <summary>[GeneratedCode] names the generator with the package's version, as Directory.Build.props sets it.</summary>
public sealed class GeneratedCodeVersionTests
{
    [Fact]
    public void Generated_classes_carry_the_package_version()
    {
        string props = File.ReadAllText(Path.Combine(RepositoryFiles.Root, "Directory.Build.props"));
        string version = Regex.Match(props, "<Version>([^<]+)</Version>").Groups[1].Value;
        Assert.NotEmpty(version);

        var network = GeneratorRun.Of(SnapshotDeclarations.MnistMlp).SingleSource();

        Assert.Contains($"[global::System.CodeDom.Compiler.GeneratedCode(\"Butterfly.Generator\", \"{version}\")]", network.Text);
    }
}
