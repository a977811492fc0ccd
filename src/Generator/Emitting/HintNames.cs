using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Butterfly.Generator.Model;

namespace Butterfly.Generator.Emitting;

/// <summary>
/// Gives every generated file a distinct name. The preferred names can collide: Roslyn compares hint names ignoring
/// case (they become file names), so <c>Models.Net</c> and <c>Models.NET</c>, both legal, would share one; and a type
/// <c>A.B</c> nested in class <c>A</c> would share <c>A.B.g.cs</c>-style names with one in namespace <c>A</c>. A second
/// <c>AddSource</c> with a taken name throws, which fails the whole generator.
/// </summary>
internal static class HintNames
{
    private const string Extension = ".g.cs";

    /// <summary>
    /// Each network with its file name: the preferred one, or for the second and later networks of a colliding group
    /// (ordered by full name, so the result does not depend on discovery order) <c>Name.2.g.cs</c>, <c>Name.3.g.cs</c>...
    /// No type name yields such a name, since an identifier cannot start with a digit.
    /// </summary>
    public static IEnumerable<(string HintName, GeneratedNetwork Network)> Assign(IEnumerable<GeneratedNetwork> networks)
    {
        foreach (var group in networks.GroupBy(n => n.HintName, StringComparer.OrdinalIgnoreCase))
        {
            int ordinal = 0;
            foreach (var network in group.OrderBy(n => n.QualifiedName, StringComparer.Ordinal).ThenBy(n => n.HintName, StringComparer.Ordinal))
            {
                ordinal++;
                yield return (ordinal == 1 ? network.HintName : Numbered(network.HintName, ordinal), network);
            }
        }
    }

    private static string Numbered(string hintName, int ordinal)
    {
        string stem = hintName.EndsWith(Extension, StringComparison.Ordinal) ? hintName.Substring(0, hintName.Length - Extension.Length) : hintName;
        return stem + "." + ordinal.ToString(CultureInfo.InvariantCulture) + Extension;
    }
}
