using System;
using System.IO;
using System.Text;
using Butterfly.Generator.Tests.Harness;

namespace Butterfly.Generator.Tests;

/// <summary>The snapshot helper itself: what it writes, what it accepts, and how it reports a difference.</summary>
public sealed class SnapshotComparisonTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "butterfly-snapshots-" + Guid.NewGuid().ToString("N"));

    private string Verified => Path.Combine(_folder, "T.M#N.g.verified.cs");

    private string Received => Path.Combine(_folder, "T.M#N.g.received.cs");

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public void Missing_verified_file_fails_and_writes_received()
    {
        string? failure = Snapshot.Compare(Verified, Received, "a\nb\n", accept: false);

        Assert.NotNull(failure);
        Assert.Contains("No verified snapshot T.M#N.g.verified.cs", failure);
        Assert.Equal("a\nb\n", File.ReadAllText(Received));
        Assert.False(File.Exists(Verified));
    }

    [Fact]
    public void Mismatch_fails_with_numbered_lines_and_writes_received()
    {
        Directory.CreateDirectory(_folder);
        File.WriteAllText(Verified, "one\ntwo\nthree\n");

        string? failure = Snapshot.Compare(Verified, Received, "one\n2\nthree\n", accept: false);

        Assert.NotNull(failure);
        Assert.Contains("-     2: two\n", failure);
        Assert.Contains("+     2: 2\n", failure);
        Assert.Equal("one\n2\nthree\n", File.ReadAllText(Received));
        Assert.Equal("one\ntwo\nthree\n", File.ReadAllText(Verified));
    }

    [Fact]
    public void Line_ends_and_byte_order_mark_do_not_count_and_a_stale_received_file_goes()
    {
        Directory.CreateDirectory(_folder);
        File.WriteAllText(Verified, "one\r\ntwo\r\n", new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        File.WriteAllText(Received, "old");

        Assert.Null(Snapshot.Compare(Verified, Received, "\uFEFFone\ntwo\n", accept: false));
        Assert.False(File.Exists(Received));
    }

    [Fact]
    public void Accepting_writes_the_verified_file_with_LF_and_no_BOM()
    {
        Directory.CreateDirectory(_folder);
        File.WriteAllText(Verified, "old\n");
        File.WriteAllText(Received, "old");

        Assert.Null(Snapshot.Compare(Verified, Received, "\uFEFFnew\r\ntext\r\n", accept: true));

        Assert.Equal("new\ntext\n"u8.ToArray(), File.ReadAllBytes(Verified));
        Assert.False(File.Exists(Received));
    }

    [Fact]
    public void Diff_shows_an_inserted_line_as_one_line_not_a_shifted_tail()
    {
        string diff = LineDiff.Describe("a\nb\nc\nd", "a\nb\nX\nc\nd");
        Assert.Equal("+     3: X\n", diff);
    }

    [Fact]
    public void Diff_stops_after_the_first_lines_and_says_how_many_more()
    {
        string diff = LineDiff.Describe("1\n2\n3\n4", "a\nb\nc\nd", maxShown: 3);
        Assert.StartsWith("-     1: 1\n", diff);
        Assert.EndsWith("... and 5 more differing lines\n", diff);
    }
}
