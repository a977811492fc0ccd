using System;
using System.Diagnostics;
using System.Text;

namespace Butterfly.Integration.Tests;

/// <summary>Runs the dotnet CLI (or a program it built) and captures what it printed.</summary>
internal static class DotnetCommand
{
    public static string Run(string workingDirectory, params string[] arguments) => RunProgram("dotnet", workingDirectory, arguments);

    /// <summary>Runs <paramref name="program"/> (the dotnet CLI, or a program it built) and returns what it printed.</summary>
    public static string RunProgram(string program, string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The outer `dotnet test` sets MSBuild variables that must not leak into a separate build.
        start.Environment.Remove("MSBuildExtensionsPath");
        start.Environment.Remove("MSBuildSDKsPath");
        start.Environment.Remove("MSBUILD_EXE_PATH");
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => output.AppendLine(e.Data);
        process.ErrorDataReceived += (_, e) => output.AppendLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(TimeSpan.FromMinutes(10)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} took over 10 minutes.\n{output}");
        }

        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{output}");
        }

        return output.ToString();
    }
}
