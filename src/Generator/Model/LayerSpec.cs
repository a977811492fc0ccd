using System;
using System.Globalization;

namespace Butterfly.Generator.Model;

/// <summary>One named argument of a layer attribute, such as <c>units: 100</c>.</summary>
internal readonly record struct LayerArgument(string Name, double Value);

/// <summary>A layer as declared: its kind (the attribute name without "Attribute") and its arguments.</summary>
internal sealed record LayerSpec(string Kind, EquatableArray<LayerArgument> Arguments)
{
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

    /// <summary>The declaration as one token of a signature: <c>Dense(100)</c>, <c>Sigmoid</c>.</summary>
    public override string ToString()
    {
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
