using System.Reflection;

namespace Butterfly.Generator.Emitting;

/// <summary>
/// The <c>[GeneratedCode]</c> line every generated class carries, with the generator's real version: the package's
/// version (<c>Version</c> in Directory.Build.props), without the source-revision suffix the SDK appends, so that
/// the generated text changes with a release and not with every commit.
/// </summary>
internal static class GeneratorVersion
{
    public static string Value { get; } = Read();

    public static string Attribute { get; } = $"[global::System.CodeDom.Compiler.GeneratedCode(\"Butterfly.Generator\", \"{Value}\")]";

    private static string Read()
    {
        var assembly = typeof(GeneratorVersion).Assembly;
        string? informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        return informational is null
            ? assembly.GetName().Version?.ToString(3) ?? "0.0.0"
            : informational.Split('+')[0];
    }
}
