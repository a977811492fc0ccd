using System.Collections.Immutable;

namespace Butterfly.Generator.Tests.Harness;

/// <summary>One <c>## BF0001: Title</c> section of docs/diagnostics.md.</summary>
/// <param name="Id">The ID in the heading.</param>
/// <param name="Title">The heading after the ID.</param>
/// <param name="Anchor">The id of the <c>&lt;a id="..."&gt;</c> line just above the heading, or null.</param>
/// <param name="CodeBlocks">The <c>csharp</c> code blocks, in order: the wrong declaration, then the fix.</param>
/// <param name="Messages">The quoted <c>&gt; error BF0001: ...</c> lines, without the prefix.</param>
/// <param name="HasCodeFix">Whether a line starts with "IDE code fix:".</param>
internal sealed record DiagnosticSection(string Id, string Title, string? Anchor, ImmutableArray<string> CodeBlocks, ImmutableArray<string> Messages, bool HasCodeFix);
