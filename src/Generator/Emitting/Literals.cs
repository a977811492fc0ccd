using System.Globalization;
using System.Text;

namespace Butterfly.Generator.Emitting;

/// <summary>C# literals that read back exactly, whatever the build machine's culture.</summary>
internal static class Literals
{
    /// <summary>A float literal that round-trips: <c>0.01f</c>, or <c>float.PositiveInfinity</c> for an open bound.</summary>
    public static string Float(float value) =>
        float.IsPositiveInfinity(value) ? "float.PositiveInfinity"
        : float.IsNegativeInfinity(value) ? "float.NegativeInfinity"
        : value.ToString("R", CultureInfo.InvariantCulture) + "f";

    /// <summary>A regular string literal, escaped.</summary>
    public static string String(string value)
    {
        var text = new StringBuilder(value.Length + 2).Append('"');
        foreach (char c in value)
        {
            text.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ => c.ToString(),
            });
        }

        return text.Append('"').ToString();
    }
}
