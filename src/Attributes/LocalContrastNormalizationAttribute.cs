using System;

namespace Butterfly;

/// <summary>
/// Local contrast normalization (Jarrett et al. 2009) of a <c>(channels, height, width)</c> input: a subtractive
/// step <c>v = x - Σ_{c, p, q} w_pq x[c, i + p, j + q]</c>, then a divisive step <c>y = v / max(mean σ, σ_ij)</c>
/// with <c>σ_ij = sqrt(Σ_{c, p, q} w_pq v[c, i + p, j + q]²)</c>, over a <c>size × size</c> Gaussian window
/// <c>w</c> (zero outside the input) whose weights sum to 1 over the window and the channels.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class LocalContrastNormalizationAttribute : LayerAttribute
{
    /// <summary>Declares local contrast normalization.</summary>
    /// <param name="size">The side of the window; odd, positive, at most the input's height and width.</param>
    public LocalContrastNormalizationAttribute(int size = 9) => Size = size;

    /// <summary>The side of the window.</summary>
    public int Size { get; }
}
