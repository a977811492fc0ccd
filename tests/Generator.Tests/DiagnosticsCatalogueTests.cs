using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using Butterfly.Generator.Diagnostics;
using Butterfly.Generator.Tests.Harness;
using Microsoft.CodeAnalysis;

namespace Butterfly.Generator.Tests;

/// <summary>
/// Keeps the diagnostics catalogue whole: every descriptor in <see cref="DiagnosticDescriptors"/> has a section in
/// docs/diagnostics.md (heading, anchor matching its help link) and a row in AnalyzerReleases.Unshipped.md, neither
/// names an ID that does not exist, and each documented example produces the message shown and its fix compiles.
/// </summary>
public sealed class DiagnosticsCatalogueTests
{
    private static readonly DiagnosticsDocument Document = DiagnosticsDocument.Load(RepositoryFiles.DiagnosticsDocument);

    /// <summary>Every descriptor, found by reflection so that a new one cannot be forgotten here.</summary>
    private static IReadOnlyList<DiagnosticDescriptor> Descriptors { get; } =
        typeof(DiagnosticDescriptors)
            .GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
            .ToList();

    public static TheoryData<string> DescriptorIds => new(Descriptors.Select(d => d.Id));

    /// <summary>Sections with a wrong declaration and a fix; BF0019 has none, since nothing triggers it yet.</summary>
    public static TheoryData<string> DocumentedExamples => new(Document.Sections.Where(s => s.CodeBlocks.Length > 0).Select(s => s.Id));

    [Fact]
    public void Descriptors_are_found_and_their_ids_are_unique()
    {
        Assert.True(Descriptors.Count >= 19, $"Only {Descriptors.Count} descriptors found by reflection.");
        Assert.Equal(Descriptors.Count, Descriptors.Select(d => d.Id).Distinct().Count());
        Assert.All(Descriptors, d => Assert.Matches(@"^BF\d{4}$", d.Id));
    }

    [Theory]
    [MemberData(nameof(DescriptorIds))]
    public void Descriptor_has_a_documented_section(string id)
    {
        var descriptor = Descriptors.Single(d => d.Id == id);
        var section = Assert.Single(Document.Sections, s => s.Id == id);
        Assert.Equal(descriptor.Title.ToString(), section.Title);

        // The help link's fragment must land on the section: an explicit anchor, since GitHub's own anchor for the
        // heading would be the whole slug (bf0001-network-class-must-be-partial).
        Assert.Equal("docs/diagnostics.md#" + section.Anchor, descriptor.HelpLinkUri);
        Assert.Equal(id.ToLowerInvariant(), section.Anchor);
    }

    [Theory]
    [MemberData(nameof(DescriptorIds))]
    public void Descriptor_has_a_release_tracking_row(string id)
    {
        var descriptor = Descriptors.Single(d => d.Id == id);
        var row = Assert.Single(ReleaseRows(), r => r.Id == id);
        Assert.Equal(descriptor.Category, row.Category);
        Assert.Equal(descriptor.DefaultSeverity.ToString(), row.Severity);
        Assert.Equal(descriptor.Title.ToString(), row.Notes);
    }

    [Fact]
    public void Document_names_no_unknown_id()
    {
        var known = Descriptors.Select(d => d.Id).ToHashSet();
        Assert.DoesNotContain(Document.MentionedIds, id => !known.Contains(id));
        Assert.Equal(Document.Sections.Length, Document.Sections.Select(s => s.Id).Distinct().Count());
        Assert.Equal(Document.Sections.Select(s => s.Id).Order(), Document.Sections.Select(s => s.Id));
    }

    [Fact]
    public void Release_tracking_names_no_unknown_id()
    {
        var known = Descriptors.Select(d => d.Id).ToHashSet();
        var rows = ReleaseRows();
        Assert.DoesNotContain(rows, r => !known.Contains(r.Id));
        Assert.Equal(rows.Count, rows.Select(r => r.Id).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(DocumentedExamples))]
    public void Documented_example_gives_the_documented_message_and_its_fix_compiles(string id)
    {
        var section = Document.Sections.Single(s => s.Id == id);
        Assert.Equal(2, section.CodeBlocks.Length);
        string message = Assert.Single(section.Messages);

        var wrong = GeneratorRun.Of("using Butterfly;\n" + section.CodeBlocks[0]);
        Assert.Null(wrong.Exception);
        var diagnostic = Assert.Single(wrong.GeneratorDiagnostics);
        if (diagnostic.Severity == DiagnosticSeverity.Error)
        {
            Assert.Empty(wrong.Sources);
        }
        else
        {
            // A warning leaves the network valid: it is generated all the same.
            Assert.Single(wrong.Sources);
        }

        Assert.Equal(message, $"{diagnostic.Id}: {diagnostic.GetMessage()}");

        var fixedRun = GeneratorRun.Of("using Butterfly;\n" + section.CodeBlocks[1]);
        Assert.Null(fixedRun.Exception);
        Assert.Empty(fixedRun.GeneratorDiagnostics);
        Assert.Single(fixedRun.Sources);
        Assert.DoesNotContain(fixedRun.OutputDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
    }

    private static List<(string Id, string Category, string Severity, string Notes)> ReleaseRows() =>
        File.ReadAllLines(RepositoryFiles.UnshippedReleases)
            .Select(line => Regex.Match(line, @"^\s*(?<id>\w+\d{4})\s*\|\s*(?<category>[^|]*?)\s*\|\s*(?<severity>[^|]*?)\s*\|\s*(?<notes>.*?)\s*$"))
            .Where(m => m.Success)
            .Select(m => (m.Groups["id"].Value, m.Groups["category"].Value, m.Groups["severity"].Value, m.Groups["notes"].Value))
            .ToList();
}
