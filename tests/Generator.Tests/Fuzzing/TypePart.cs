using System.Collections.Generic;
using System.Linq;

namespace Butterfly.Generator.Tests.Fuzzing;

/// <summary>
/// One declaration of a network type (a type may have several partial parts, in one file or several): its modifiers,
/// attribute lists, base list, primary constructor and members.
/// </summary>
internal sealed class TypePart
{
    /// <summary>Index of the case's file the part is written in.</summary>
    public int File { get; set; }

    public List<string> Modifiers { get; } = [];

    public List<AttributeList> AttributeLists { get; } = [];

    /// <summary>The base types after the colon, or null.</summary>
    public string? BaseList { get; set; }

    /// <summary>A primary constructor's parameter list, such as <c>(int size)</c>, or null.</summary>
    public string? ParameterList { get; set; }

    /// <summary>Member declarations; <c>{0}</c> stands for the type's name as written (for constructors).</summary>
    public List<string> Members { get; } = [];

    /// <summary>Whether the body is <c>{ }</c> even without members (else <c>;</c>).</summary>
    public bool BlockBody { get; set; }

    public IEnumerable<AttributeUse> Attributes => AttributeLists.SelectMany(l => l.Attributes);

    public bool IsPartial => Modifiers.Contains("partial");
}
