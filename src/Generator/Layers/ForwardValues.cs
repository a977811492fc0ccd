using System;

namespace Butterfly.Generator.Layers;

/// <summary>
/// Which of a layer's forward values its backward rule reads besides <c>dE/dy</c>; Forward keeps them in the
/// workspace, and the backward pass declares only these.
/// </summary>
[Flags]
internal enum ForwardValues
{
    None = 0,

    /// <summary>The layer's input <c>x</c>, as Dense needs for <c>dW = dYᵀ X</c>.</summary>
    Input = 1,

    /// <summary>The layer's output <c>y</c>, as activations whose derivative is written in terms of <c>y</c> need.</summary>
    Output = 2,
}
