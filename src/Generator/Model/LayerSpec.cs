using System;
using System.Globalization;
using System.Linq;

namespace Butterfly.Generator.Model;

/// <summary>One named argument of a layer attribute, such as <c>units: 100</c>.</summary>
internal readonly record struct LayerArgument(string Name, double Value);

/// <summary>
/// A layer as declared: its kind (the attribute name without "Attribute"), its arguments, and where it sits in the
/// graph: the name of its output (<see cref="Name"/>), the output it reads instead of the previous layer's
/// (<see cref="From"/>), and for a merge the named outputs it merges with that (<see cref="Merged"/>).
/// </summary>
internal sealed record LayerSpec(string Kind, EquatableArray<LayerArgument> Arguments)
{
    /// <summary>The declared name of the layer's output, or null.</summary>
    public string? Name { get; init; }

    /// <summary>The named output the layer reads instead of the previous layer's (<c>[From("x")]</c>), or null.</summary>
    public string? From { get; init; }

    /// <summary>For a merge, the named outputs it merges with its first operand, in order; empty otherwise.</summary>
    public EquatableArray<string> Merged { get; init; }

    /// <summary>The layer with <paramref name="name"/>'s value in place of its argument's.</summary>
    public LayerSpec With(string name, double value) =>
        this with { Arguments = Arguments.Select(a => a.Name == name ? a with { Value = value } : a).ToEquatableArray() };

    public double Get(string name)
    {
        foreach (var argument in Arguments)
        {
            if (argument.Name == name)
            {
                return argument.Value;
            }
        }

        throw new InvalidOperationException($"Layer {Kind} has no argument '{name}'.");
    }

    public int GetInt32(string name) => (int)Get(name);

    /// <summary>Whether the declaration gives the argument <paramref name="name"/> (a settable property may be left out).</summary>
    public bool Has(string name) => Arguments.Any(a => a.Name == name);

    /// <summary>The argument <paramref name="name"/>, or <paramref name="fallback"/> when the attribute's constructor has none.</summary>
    public double Get(string name, double fallback)
    {
        foreach (var argument in Arguments)
        {
            if (argument.Name == name)
            {
                return argument.Value;
            }
        }

        return fallback;
    }

    /// <summary>
    /// The declaration as one item of a signature: <c>Dense(100)</c>, <c>Sigmoid</c>; in a graph <c>stem=ReLU</c> for a
    /// named output, <c>From(stem) Conv2D(16, 3, 1, 1)</c> for a branch, <c>Add(stem)</c> for a merge.
    /// </summary>
    public override string ToString()
    {
        string prefix = (From is null ? "" : "From(" + From + ") ") + (Name is null ? "" : Name + "=");
        return prefix + Declaration();
    }

    /// <summary>The kind and its arguments, without the graph's names: <c>Conv2D(16, 3, 1, 1)</c>.</summary>
    public string Declaration()
    {
        if (Merged.Count > 0)
        {
            return Kind + "(" + string.Join(", ", Merged) + ")";
        }

        if (Arguments.Count == 0)
        {
            return Kind;
        }

        var values = new string[Arguments.Count];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = Arguments[i].Value.ToString("R", CultureInfo.InvariantCulture);
        }

        return Kind + "(" + string.Join(", ", values) + ")";
    }
}
