using System;

namespace Butterfly;

/// <summary>
/// A two-dimensional convolution with bias over a <c>(channels, height, width)</c> input:
/// <c>y[f, i, j] = b[f] + Σ_c Σ_u Σ_v w[f, c, u, v] · x[c, i·stride + u - padding, j·stride + v - padding]</c>,
/// with zeros outside the input. The output is <c>(filters, (height + 2·padding - kernel) / stride + 1, ...)</c>,
/// rounded down. Kernels start He-normal when a rectifier (ReLU,
/// LeakyReLU, ELU, GELU) follows, else Glorot-uniform; biases start at zero.
/// <para>
/// The constructor gives a square kernel, one stride and the same padding on every side. The settable properties
/// change one axis or one side of that: <c>[Conv2D(16, 3, KernelWidth = 5)]</c> is a 3×5 kernel,
/// <c>[Conv2D(16, 3, stride: 2, StrideWidth = 1)]</c> steps 2 rows down and 1 column across, and
/// <c>[Conv2D(16, 3, padding: 1, PadTop = 0, PadLeft = 0)]</c> pads only the bottom and right (as ONNX's
/// <c>SAME_UPPER</c> does at stride 2). With <see cref="Butterfly.Padding.Same"/>, each axis gets
/// <c>(side - 1) / 2</c> zeros on both ends, which needs odd sides unless that axis's pads are set.
/// </para>
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

    /// <summary>The kernel's rows, in place of <see cref="Kernel"/>; positive. Left unset, <see cref="Kernel"/>.</summary>
    public int KernelHeight { get; set; }

    /// <summary>The kernel's columns, in place of <see cref="Kernel"/>; positive. Left unset, <see cref="Kernel"/>.</summary>
    public int KernelWidth { get; set; }

    /// <summary>The step between windows down the rows, in place of <see cref="Stride"/>; positive. Left unset, <see cref="Stride"/>.</summary>
    public int StrideHeight { get; set; }

    /// <summary>The step between windows across the columns, in place of <see cref="Stride"/>; positive. Left unset, <see cref="Stride"/>.</summary>
    public int StrideWidth { get; set; }

    /// <summary>Zero rows above the input, in place of <see cref="Padding"/>; from 0 to the kernel's height - 1.</summary>
    public int PadTop { get; set; }

    /// <summary>Zero columns left of the input, in place of <see cref="Padding"/>; from 0 to the kernel's width - 1.</summary>
    public int PadLeft { get; set; }

    /// <summary>Zero rows below the input, in place of <see cref="Padding"/>; from 0 to the kernel's height - 1.</summary>
    public int PadBottom { get; set; }

    /// <summary>Zero columns right of the input, in place of <see cref="Padding"/>; from 0 to the kernel's width - 1.</summary>
    public int PadRight { get; set; }
}
