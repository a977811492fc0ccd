using System;
using System.ComponentModel;

namespace Butterfly;

/// <summary>One argument of a compiled layer, by the attribute's parameter name: <c>units = 100</c>, <c>alpha = 1</c>.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly record struct LayerStructureArgument
{
    /// <summary>Describes an argument. Generated networks call this.</summary>
    /// <param name="name">The attribute's parameter name, such as <c>units</c>.</param>
    /// <param name="value">Its value; whole numbers and floats alike are held as doubles, exactly.</param>
    public LayerStructureArgument(string name, double value)
    {
        ArgumentNullException.ThrowIfNull(name);
        Name = name;
        Value = value;
    }

    /// <summary>The attribute's parameter name, such as <c>units</c>.</summary>
    public string Name { get; }

    /// <summary>The value, as declared (a convolution's <c>Padding.Same</c> already resolved to its number).</summary>
    public double Value { get; }
}
