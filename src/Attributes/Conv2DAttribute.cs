using System;

namespace Butterfly;

/// <summary>
/// A two-dimensional convolution with bias over a <c>(channels, height, width)</c> input:
/// <c>y[f, i, j] = b[f] + Σ_c Σ_u Σ_v w[f, c, u, v] · x[c, i·stride + u - padding, j·stride + v - padding]</c>,
/// with zeros outside the input. The output is <c>(filters, (height + 2·padding - kernel) / stride + 1, ...)</c>,
/// rounded down. Kernels start He-normal when a rectifier (ReLU,
/// LeakyReLU, ELU, GELU) follows, else Glorot-uniform; biases start at zero.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class Conv2DAttribute : LayerAttribute
{
    /// <summary>Declares a convolution.</summary>
    /// <param name="filters">Output channels; positive.</param>
    /// <param name="kernel">The side of the square kernel; positive, at most the padded input.</param>
    /// <param name="stride">The step between windows; positive.</param>
    /// <param name="padding">Zeros added on every side; from 0 to <paramref name="kernel"/> - 1, or <see cref="Butterfly.Padding.Same"/>.</param>
    public Conv2DAttribute(int filters, int kernel, int stride = 1, int padding = 0)
    {
        Filters = filters;
        Kernel = kernel;
        Stride = stride;
        Padding = padding;
    }

    /// <summary>Output channels.</summary>
    public int Filters { get; }

    /// <summary>The side of the square kernel.</summary>
    public int Kernel { get; }

    /// <summary>The step between windows.</summary>
    public int Stride { get; }

    /// <summary>Zeros added on every side of the input.</summary>
    public int Padding { get; }
}
