namespace Butterfly.Generator.Model;

/// <summary>A type that contains the network class, with the keyword its partial declaration needs.</summary>
internal readonly record struct ContainingType(string Keyword, string Name);

/// <summary>Where the network class lives: namespace (empty for the global one), containing types, name.</summary>
/// <param name="Namespace">Dotted namespace, or empty.</param>
/// <param name="ContainingTypes">Outermost first.</param>
/// <param name="Name">The class name as the generated code writes it (with <c>@</c> where C# needs or wants one).</param>
/// <param name="MetadataName">The class name without <c>@</c>, for hint names and messages.</param>
internal sealed record TypeDeclaration(string Namespace, EquatableArray<ContainingType> ContainingTypes, string Name, string MetadataName)
{
    /// <summary>The full name as C# spells it: <c>Samples.Models.@class</c>.</summary>
    public string QualifiedName
    {
        get
        {
            var name = new System.Text.StringBuilder();
            if (Namespace.Length > 0)
            {
                name.Append(Namespace).Append('.');
            }

            foreach (var type in ContainingTypes)
            {
                name.Append(type.Name).Append('.');
            }

            return name.Append(Name).ToString();
        }
    }

    /// <summary>The generated file's hint name: <c>Namespace.Outer.Name.g.cs</c>.</summary>
    public string HintName
    {
        get
        {
            var hint = new System.Text.StringBuilder();
            if (Namespace.Length > 0)
            {
                hint.Append(Namespace.Replace("@", "")).Append('.');
            }

            foreach (var type in ContainingTypes)
            {
                hint.Append(type.Name.TrimStart('@')).Append('.');
            }

            return hint.Append(MetadataName).Append(".g.cs").ToString();
        }
    }
}
