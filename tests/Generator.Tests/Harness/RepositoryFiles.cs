using System;
using System.IO;
using System.Runtime.CompilerServices;

namespace Butterfly.Generator.Tests.Harness;

/// <summary>Paths of files in the repository, found from this source file's location (see the test project's note).</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string DiagnosticsDocument => Path.Combine(Root, "docs", "diagnostics.md");

    public static string UnshippedReleases => Path.Combine(Root, "src", "Generator", "AnalyzerReleases.Unshipped.md");

    private static string FindRoot([CallerFilePath] string thisFile = "")
    {
        for (var folder = new FileInfo(thisFile).Directory; folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Compiler.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("Compiler.sln not found above " + thisFile);
    }
}
