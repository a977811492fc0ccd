using System;
using System.IO;

namespace Butterfly.Tests;

/// <summary>Finds files of the repository from the test's output folder.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string MnistDirectory => Path.Combine(Root, "data", "mnist");

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Compiler.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("Compiler.sln not found above " + AppContext.BaseDirectory);
    }
}
