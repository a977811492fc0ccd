using System;

namespace Butterfly;

/// <summary>
/// Local response normalization across channels (Krizhevsky et al. 2012), as PyTorch defines it:
/// <c>y[c] = x[c] / (k + (α / size) Σ_{c' within size/2 of c} x[c']²)^β</c> at every position.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class LocalResponseNormalizationAttribute : LayerAttribute
{
    /// <summary>Declares local response normalization.</summary>
    /// <param name="size">Channels in the window; odd and positive.</param>
    /// <param name="alpha">The scale α; finite, not negative.</param>
    /// <param name="beta">The exponent β; finite, not negative.</param>
    /// <param name="k">The additive constant; positive and finite.</param>
    public LocalResponseNormalizationAttribute(int size = 5, float alpha = 1e-4f, float beta = 0.75f, float k = 2f)
    {
        Size = size;
        Alpha = alpha;
        Beta = beta;
        K = k;
    }

    /// <summary>Channels in the window.</summary>
    public int Size { get; }

    /// <summary>The scale α.</summary>
    public float Alpha { get; }

    /// <summary>The exponent β.</summary>
    public float Beta { get; }

    /// <summary>The additive constant.</summary>
    public float K { get; }
}
