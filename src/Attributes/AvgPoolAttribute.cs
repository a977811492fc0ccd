using System;

namespace Butterfly;

/// <summary>
/// Average pooling over square windows of each channel of a <c>(channels, height, width)</c> input:
/// <c>y[c, i, j] = (1 / size²) Σ_{u, v &lt; size} x[c, i·stride + u, j·stride + v]</c>. The windows must tile the input: <c>(height - size)</c> and <c>(width - size)</c> are multiples of
/// the stride.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class AvgPoolAttribute : LayerAttribute
{
    /// <summary>Declares average pooling with non-overlapping windows (stride = size).</summary>
    /// <param name="size">The side of the window; positive.</param>
    public AvgPoolAttribute(int size)
        : this(size, size)
    {
    }

    /// <summary>Declares average pooling.</summary>
    /// <param name="size">The side of the window; positive.</param>
    /// <param name="stride">The step between windows; positive.</param>
    public AvgPoolAttribute(int size, int stride)
    {
        Size = size;
        Stride = stride;
    }

    /// <summary>The side of the window.</summary>
    public int Size { get; }

    /// <summary>The step between windows.</summary>
    public int Stride { get; }
}
