using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Butterfly.Generator.Tests.Harness;

/// <summary>
/// In-memory compilations of test sources against the .NET 10 reference assemblies and the Butterfly attribute
/// and runtime assemblies, so tests run offline and see exactly what a user's build would.
/// </summary>
internal static class TestCompilation
{
    /// <summary>
    /// Documentation comments are parsed and checked (as with GenerateDocumentationFile), so a malformed or
    /// incomplete doc comment in generated code shows up as a warning.
    /// </summary>
    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Latest, DocumentationMode.Diagnose);

    private static readonly ImmutableArray<MetadataReference> References =
    [
        .. Net100.References.All,
        MetadataReference.CreateFromFile(typeof(NetworkAttribute).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(INetwork).Assembly.Location),
    ];

    // Warning level 9999 turns on every warning wave, as the SDK does for current target frameworks.
    private static readonly CSharpCompilationOptions Options = new(
        OutputKind.DynamicallyLinkedLibrary,
        nullableContextOptions: NullableContextOptions.Enable,
        warningLevel: 9999,
        generalDiagnosticOption: ReportDiagnostic.Default);

    /// <summary>A compilation of <paramref name="sources"/>, the i-th in a file named <c>Source{i}.cs</c>.</summary>
    public static CSharpCompilation Create(params string[] sources) =>
        Create(sources.Select((source, i) => Parse(source, $"Source{i}.cs")));

    /// <summary>A compilation of trees already parsed with <see cref="ParseOptions"/>.</summary>
    public static CSharpCompilation Create(IEnumerable<SyntaxTree> trees) =>
        CSharpCompilation.Create("Butterfly.Tests.Input", trees, References, Options);

    public static SyntaxTree Parse(string source, string path) =>
        CSharpSyntaxTree.ParseText(source, ParseOptions, path);
}
