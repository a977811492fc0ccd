using System;

namespace Butterfly;

/// <summary>
/// What every layer attribute shares: an optional <see cref="Name"/> for its output, so that a later layer can read it
/// (<see cref="FromAttribute"/>) or merge it (<see cref="AddAttribute"/>, <see cref="ConcatAttribute"/>,
/// <see cref="MultiplyAttribute"/>). Without names, each layer reads the one declared before it.
/// </summary>
public abstract class LayerAttribute : Attribute
{
    /// <summary>
    /// The name of this layer's output, unique in the network: letters, digits, <c>_</c>, <c>.</c>, <c>-</c> or <c>/</c>.
    /// Name the layer whose output you mean: in <c>[Conv2D(16, 3), ReLU(Name = "stem")]</c> the name is the ReLU's output.
    /// </summary>
    public string? Name { get; set; }
}
