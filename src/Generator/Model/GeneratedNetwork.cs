namespace Butterfly.Generator.Model;

/// <summary>The emitted source of one network, before it gets its final file name.</summary>
/// <param name="HintName">The preferred file name: <c>Namespace.Outer.Name.g.cs</c>.</param>
/// <param name="QualifiedName">The class's full name as C# spells it, which orders networks whose file names collide.</param>
/// <param name="Source">The generated code.</param>
internal sealed record GeneratedNetwork(string HintName, string QualifiedName, string Source);
