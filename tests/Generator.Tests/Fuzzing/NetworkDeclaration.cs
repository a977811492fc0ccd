using System.Collections.Generic;
using System.Linq;

namespace Butterfly.Generator.Tests.Fuzzing;

/// <summary>
/// A type that is meant to be a network (or, after mutation, something near one): where it lives, what kind of type it
/// is, and its parts. The first part normally carries <c>[Network]</c> and the layers.
/// </summary>
internal sealed class NetworkDeclaration(Identifier name)
{
    /// <summary>Namespace segments, outermost first; empty for the global namespace.</summary>
    public List<Identifier> Namespace { get; set; } = [];

    /// <summary>Containing types, outermost first.</summary>
    public List<ContainerDeclaration> Containers { get; } = [];

    public Identifier Name { get; set; } = name;

    /// <summary><c>class</c>, <c>struct</c>, <c>record</c>, <c>interface</c>, <c>enum</c>...</summary>
    public string Keyword { get; set; } = "class";

    /// <summary><c>&lt;T&gt;</c> or empty.</summary>
    public string TypeParameters { get; set; } = "";

    public List<TypePart> Parts { get; } = [];

    public IEnumerable<AttributeUse> Attributes => Parts.SelectMany(p => p.Attributes);

    public string NamespaceKey => string.Join(".", Namespace.Select(n => n.Written));
}
