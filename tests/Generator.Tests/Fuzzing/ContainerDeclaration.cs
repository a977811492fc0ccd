using System.Collections.Generic;

namespace Butterfly.Generator.Tests.Fuzzing;

/// <summary>A type the network is nested in: <c>public static partial class Models</c>.</summary>
internal sealed class ContainerDeclaration(string keyword, Identifier name)
{
    /// <summary><c>class</c>, <c>struct</c>, <c>record</c>, <c>record struct</c>, <c>interface</c>...</summary>
    public string Keyword { get; set; } = keyword;

    public Identifier Name { get; set; } = name;

    public List<string> Modifiers { get; } = [];

    /// <summary><c>&lt;T&gt;</c> or empty.</summary>
    public string TypeParameters { get; set; } = "";

    /// <summary>Attribute lists on the container, such as a layer put there by mistake.</summary>
    public List<AttributeList> AttributeLists { get; } = [];
}
