using System;

namespace Butterfly;

/// <summary>Where one layer's output lives in a <see cref="Workspace"/> after <c>Forward</c>.</summary>
public readonly record struct LayerOutput
{
    /// <summary>Describes a layer's output.</summary>
    /// <param name="name">The layer's name, such as <c>dense_1</c>; its parameter blocks are named <c>dense_1.*</c>.</param>
    /// <param name="layer">The layer as declared, such as <c>Dense(100)</c>.</param>
    /// <param name="offset">Its per-sample offset in the workspace layout, as <see cref="Workspace.Region"/> takes it; not negative.</param>
    /// <param name="length">Floats per sample; positive.</param>
    public LayerOutput(string name, string layer, int offset, int length)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(layer);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        Name = name;
        Layer = layer;
        Offset = offset;
        Length = length;
    }

    /// <summary>The layer's name, such as <c>dense_1</c>.</summary>
    public string Name { get; }

    /// <summary>The layer as declared, such as <c>Dense(100)</c>.</summary>
    public string Layer { get; }

    /// <summary>Its per-sample offset in the workspace layout.</summary>
    public int Offset { get; }

    /// <summary>Floats per sample.</summary>
    public int Length { get; }
}
