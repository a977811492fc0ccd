using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Butterfly.Generator.Tests.Fuzzing;

/// <summary>A rendered source file of a case: its path in the compilation and its text.</summary>
internal sealed record CaseSource(string Path, string Text);

/// <summary>Writes a <see cref="FuzzCase"/> as C# source files.</summary>
internal static class CaseWriter
{
    public static IReadOnlyList<CaseSource> Write(FuzzCase fuzzCase)
    {
        var sources = new List<CaseSource>();
        for (int file = 0; file < fuzzCase.Files.Count; file++)
        {
            string text = WriteFile(fuzzCase, file);
            foreach (var damage in fuzzCase.Damage.Where(d => d.File == file))
            {
                int at = Math.Clamp((int)(damage.Position * text.Length), 0, text.Length);
                text = text.Remove(at, Math.Min(damage.Delete, text.Length - at)).Insert(at, damage.Insert);
            }

            sources.Add(new CaseSource($"Case{fuzzCase.Index}/File{file}.cs", text));
        }

        return sources;
    }

    private static string WriteFile(FuzzCase fuzzCase, int file)
    {
        var items = new List<(string Namespace, List<Identifier> Segments, string Text)>();
        foreach (var network in fuzzCase.Networks)
        {
            for (int part = 0; part < network.Parts.Count; part++)
            {
                if (network.Parts[part].File == file)
                {
                    items.Add((network.NamespaceKey, network.Namespace, WritePart(network, part)));
                }
            }
        }

        foreach (var helper in fuzzCase.Helpers.Where(h => h.File == file))
        {
            items.Add((string.Join(".", helper.Namespace.Select(n => n.Written)), helper.Namespace, helper.Text));
        }

        var source = new StringBuilder();
        source.Append("#pragma warning disable CS1591 // the fuzzed declarations carry no documentation\n");
        foreach (string directive in fuzzCase.Files[file].Usings)
        {
            source.Append(directive).Append('\n');
        }

        source.Append('\n');
        var groups = items.GroupBy(i => i.Namespace).ToList();
        var style = fuzzCase.Files[file].Style;
        if (style == NamespaceStyle.FileScoped && groups.Count == 1 && groups[0].Key.Length > 0)
        {
            source.Append("namespace ").Append(groups[0].Key).Append(";\n\n");
            source.Append(string.Join("\n", groups[0].Select(i => i.Text)));
            return source.ToString();
        }

        foreach (var group in groups)
        {
            var segments = group.First().Segments;
            var body = string.Join("\n", group.Select(i => i.Text));
            if (segments.Count == 0)
            {
                source.Append(body).Append('\n');
            }
            else if (style == NamespaceStyle.Nested)
            {
                foreach (var segment in segments)
                {
                    source.Append("namespace ").Append(segment.Written).Append("\n{\n");
                }

                source.Append(body);
                source.Append(string.Concat(Enumerable.Repeat("}\n", segments.Count)));
            }
            else
            {
                source.Append("namespace ").Append(group.Key).Append("\n{\n").Append(body).Append("}\n");
            }
        }

        return source.ToString();
    }

    private static string WritePart(NetworkDeclaration network, int partIndex)
    {
        var part = network.Parts[partIndex];
        var text = new StringBuilder();
        foreach (var container in network.Containers)
        {
            if (partIndex == 0)
            {
                foreach (var list in container.AttributeLists)
                {
                    text.Append(list.Render()).Append('\n');
                }
            }

            text.Append(Header(container.Modifiers, container.Keyword, container.Name.Written + container.TypeParameters)).Append("\n{\n");
        }

        // Lists go one per line, except that the mutator's regrouping can leave several on one line.
        foreach (var list in part.AttributeLists)
        {
            text.Append(list.Render()).Append('\n');
        }

        text.Append(Header(part.Modifiers, network.Keyword, network.Name.Written + network.TypeParameters));
        text.Append(part.ParameterList ?? "");
        if (part.BaseList is not null)
        {
            text.Append(" : ").Append(part.BaseList);
        }

        if (part.Members.Count == 0 && !part.BlockBody && network.Keyword != "enum")
        {
            text.Append(";\n");
        }
        else
        {
            text.Append("\n{\n");
            foreach (string member in part.Members)
            {
                text.Append("    ").Append(member.Replace("{0}", network.Name.Written, StringComparison.Ordinal)).Append('\n');
            }

            text.Append("}\n");
        }

        text.Append(string.Concat(Enumerable.Repeat("}\n", network.Containers.Count)));
        return text.ToString();
    }

    private static string Header(List<string> modifiers, string keyword, string name) =>
        string.Join(" ", modifiers.Append(keyword).Append(name));
}
