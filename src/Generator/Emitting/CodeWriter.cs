using System;
using System.Text;

namespace Butterfly.Generator.Emitting;

/// <summary>Writes C# source with four-space indentation and LF line ends, whatever the host platform.</summary>
internal sealed class CodeWriter
{
    private readonly StringBuilder _text = new();
    private int _depth;

    public CodeWriter Line(string line = "")
    {
        if (line.Length > 0)
        {
            _text.Append(' ', _depth * 4).Append(line);
        }

        _text.Append('\n');
        return this;
    }

    /// <summary>Writes <c>// line</c> for each line of <paramref name="comment"/>.</summary>
    public CodeWriter Comment(string comment)
    {
        foreach (var line in comment.Split('\n'))
        {
            Line(line.Length == 0 ? "//" : "// " + line);
        }

        return this;
    }

    /// <summary>Writes <c>/// line</c> for each line of <paramref name="xml"/>.</summary>
    public CodeWriter Documentation(string xml)
    {
        foreach (var line in xml.Split('\n'))
        {
            Line(line.Length == 0 ? "///" : "/// " + line);
        }

        return this;
    }

    /// <summary>Writes <paramref name="header"/>, an opening brace, and indents until the result is disposed.</summary>
    public Block Braces(string header)
    {
        Line(header);
        Line("{");
        _depth++;
        return new Block(this);
    }

    public override string ToString() => _text.ToString();

    private void Close()
    {
        _depth--;
        Line("}");
    }

    internal readonly struct Block(CodeWriter writer) : IDisposable
    {
        public void Dispose() => writer.Close();
    }
}
