using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace Butterfly.Generator.Tests.Harness;

/// <summary>Reads docs/diagnostics.md into sections, and lists every diagnostic ID it mentions anywhere.</summary>
internal sealed partial class DiagnosticsDocument
{
    private DiagnosticsDocument(ImmutableArray<DiagnosticSection> sections, ImmutableArray<string> mentionedIds)
    {
        Sections = sections;
        MentionedIds = mentionedIds;
    }

    public ImmutableArray<DiagnosticSection> Sections { get; }

    /// <summary>Every <c>BFnnnn</c> in the text, headings, anchors and prose alike (anchors upper-cased).</summary>
    public ImmutableArray<string> MentionedIds { get; }

    public static DiagnosticsDocument Load(string path) => Parse(File.ReadAllText(path));

    public static DiagnosticsDocument Parse(string markdown)
    {
        var lines = markdown.Replace("\r\n", "\n").Split('\n');
        var sections = new List<DiagnosticSection>();
        for (int i = 0; i < lines.Length; i++)
        {
            var heading = Heading().Match(lines[i]);
            if (!heading.Success)
            {
                continue;
            }

            int end = i + 1;
            while (end < lines.Length && !lines[end].StartsWith("## ", System.StringComparison.Ordinal))
            {
                end++;
            }

            sections.Add(new DiagnosticSection(
                heading.Groups["id"].Value,
                heading.Groups["title"].Value.Trim(),
                AnchorAbove(lines, i),
                CodeBlocks(lines, i + 1, end),
                lines[(i + 1)..end].Select(l => Message().Match(l)).Where(m => m.Success).Select(m => m.Groups["message"].Value).ToImmutableArray(),
                lines[(i + 1)..end].Any(l => l.StartsWith("IDE code fix:", System.StringComparison.Ordinal))));
        }

        var mentioned = Mention().Matches(markdown).Select(m => m.Value.ToUpperInvariant()).Distinct().ToImmutableArray();
        return new DiagnosticsDocument(sections.ToImmutableArray(), mentioned);
    }

    private static string? AnchorAbove(string[] lines, int heading)
    {
        int above = heading - 1;
        while (above >= 0 && lines[above].Trim().Length == 0)
        {
            above--;
        }

        var anchor = above >= 0 ? Anchor().Match(lines[above]) : Match.Empty;
        return anchor.Success ? anchor.Groups["id"].Value : null;
    }

    private static ImmutableArray<string> CodeBlocks(string[] lines, int start, int end)
    {
        var blocks = ImmutableArray.CreateBuilder<string>();
        StringBuilder? block = null;
        for (int i = start; i < end; i++)
        {
            if (block is null && lines[i] == "```csharp")
            {
                block = new StringBuilder();
            }
            else if (block is not null && lines[i] == "```")
            {
                blocks.Add(block.ToString());
                block = null;
            }
            else
            {
                block?.Append(lines[i]).Append('\n');
            }
        }

        return blocks.ToImmutable();
    }

    [GeneratedRegex(@"^## (?<id>BF\d{4}): (?<title>.+)$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"^<a id=""(?<id>[^""]+)""></a>\s*$")]
    private static partial Regex Anchor();

    [GeneratedRegex(@"^> (?:error|warning) (?<message>BF\d{4}: .+)$")]
    private static partial Regex Message();

    [GeneratedRegex(@"\b[Bb][Ff]\d{4}\b")]
    private static partial Regex Mention();
}
