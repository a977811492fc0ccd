using System;

namespace Butterfly;

/// <summary>
/// Makes the next layer read the output named <c>name</c> (a layer's <see cref="LayerAttribute.Name"/>, or the
/// <see cref="InputAttribute.Name"/> of the input) instead of the output of the layer declared just before it: a branch.
/// Before a merge, it chooses the merge's first operand.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class FromAttribute : Attribute
{
    /// <summary>Declares where the next layer reads.</summary>
    /// <param name="name">A name declared earlier in the network.</param>
    public FromAttribute(string name) => Source = name;

    /// <summary>The output the next layer reads.</summary>
    public string Source { get; }
}
