using System;
using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace Butterfly.Generator.Tests.Harness;

/// <summary>
/// Source text with the spans a diagnostic should cover marked as <c>[|...|]</c> (the Roslyn test convention), as in
/// <c>[Input(2)] [[|Dense(0)|]]</c>. <see cref="Text"/> is the source without the marks.
/// </summary>
internal sealed class MarkedSource
{
    private const string Open = "[|", Close = "|]";

    private MarkedSource(string text, ImmutableArray<TextSpan> spans)
    {
        Text = text;
        Spans = spans;
    }

    public string Text { get; }

    /// <summary>The marked spans, in source order.</summary>
    public ImmutableArray<TextSpan> Spans { get; }

    /// <summary>The only marked span; fails when there are several.</summary>
    public TextSpan Span => Assert.Single(Spans);

    public static MarkedSource Parse(string marked)
    {
        var text = new StringBuilder(marked.Length);
        var spans = ImmutableArray.CreateBuilder<TextSpan>();
        int position = 0;
        while (true)
        {
            int open = marked.IndexOf(Open, position, StringComparison.Ordinal);
            if (open < 0)
            {
                text.Append(marked, position, marked.Length - position);
                break;
            }

            int close = marked.IndexOf(Close, open + Open.Length, StringComparison.Ordinal);
            if (close < 0)
            {
                throw new ArgumentException($"'{Open}' at {open} has no matching '{Close}'.", nameof(marked));
            }

            text.Append(marked, position, open - position);
            int start = text.Length;
            text.Append(marked, open + Open.Length, close - open - Open.Length);
            spans.Add(TextSpan.FromBounds(start, text.Length));
            position = close + Close.Length;
        }

        return new MarkedSource(text.ToString(), spans.ToImmutable());
    }
}
