using System;
using System.IO;
using System.Runtime.CompilerServices;
using System.Text;

namespace Butterfly.Generator.Tests.Harness;

/// <summary>
/// Compares a generated file with its reviewed copy, in Verify's layout:
/// <c>Snapshots/{Class}.{Test}#{HintName without .cs}.verified.cs</c>, where <c>{Class}</c> is the test's source file
/// name (as Verify names it) and the hint name loses its final <c>.cs</c> so the extension is not doubled. For the
/// MNIST test that is <c>SnapshotTests.Mnist_mlp#Samples.MnistMlp.g.verified.cs</c>.
/// A mismatch, or a missing verified file, writes <c>.received.cs</c> beside it (git-ignored) and fails with a line
/// diff; with <c>BUTTERFLY_ACCEPT_SNAPSHOTS=1</c> the verified file is overwritten instead.
/// </summary>
internal static class Snapshot
{
    public const string AcceptVariable = "BUTTERFLY_ACCEPT_SNAPSHOTS";

    private static readonly UTF8Encoding Utf8WithoutBom = new(encoderShouldEmitUTF8Identifier: false);

    public static void Verify(GeneratedFile file, [CallerFilePath] string testFile = "", [CallerMemberName] string test = "")
    {
        string testFolder = Path.GetDirectoryName(testFile) ?? "";
        if (!Directory.Exists(testFolder))
        {
            // A build with mapped source paths (ContinuousIntegrationBuild) hides the real folder; the test project
            // turns DeterministicSourcePaths off for this reason.
            throw new InvalidOperationException($"The test's source folder '{testFolder}' does not exist, so snapshots cannot be found.");
        }

        string hint = file.HintName.EndsWith(".cs", StringComparison.Ordinal) ? file.HintName[..^3] : file.HintName;
        string stem = Path.Combine(testFolder, "Snapshots", $"{Path.GetFileNameWithoutExtension(testFile)}.{test}#{hint}");
        string? failure = Compare(stem + ".verified.cs", stem + ".received.cs", file.Text, Environment.GetEnvironmentVariable(AcceptVariable) == "1");
        if (failure is not null)
        {
            Assert.Fail(failure);
        }
    }

    /// <summary>
    /// Compares <paramref name="actual"/> with the file at <paramref name="verifiedPath"/> (line ends as LF, no BOM);
    /// returns null when they match or <paramref name="accept"/> wrote it, else why not.
    /// </summary>
    internal static string? Compare(string verifiedPath, string receivedPath, string actual, bool accept)
    {
        actual = Normalize(actual);
        if (accept)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(verifiedPath)!);
            File.WriteAllText(verifiedPath, actual, Utf8WithoutBom);
            File.Delete(receivedPath);
            return null;
        }

        if (!File.Exists(verifiedPath))
        {
            Write(receivedPath, actual);
            return $"No verified snapshot {Path.GetFileName(verifiedPath)}. Wrote {receivedPath}: review it, then rename it to " +
                $".verified.cs or rerun with {AcceptVariable}=1.";
        }

        string expected = Normalize(File.ReadAllText(verifiedPath));
        if (expected == actual)
        {
            File.Delete(receivedPath);
            return null;
        }

        Write(receivedPath, actual);
        return $"The generated source differs from {Path.GetFileName(verifiedPath)} (- verified, + received):\n" +
            LineDiff.Describe(expected, actual) +
            $"Wrote {receivedPath}. If the change is intended, rerun with {AcceptVariable}=1.";
    }

    private static string Normalize(string text) =>
        text.TrimStart('\uFEFF').Replace("\r\n", "\n").Replace('\r', '\n');

    private static void Write(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text, Utf8WithoutBom);
    }
}
