using System;
using System.ComponentModel;

namespace Butterfly.Kernels;

/// <summary>
/// The geometry of one convolution: a sample <c>[C × H × W]</c>, <c>F</c> filters of <c>KH × KW</c>, strides
/// <c>SH</c> (down) and <c>SW</c> (across), and zero padding of <c>PT</c>, <c>PL</c>, <c>PB</c>, <c>PR</c> on the top,
/// left, bottom and right, with what follows from them. Every convolution kernel derives its sizes from here, and the
/// choice between the direct kernels and unfolding is made here once (<see cref="IsDirect"/>). The output size is worked
/// out when the shape is made, so the kernels' loops divide nothing.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct ConvolutionShape
{
    /// <summary>A square <paramref name="kernel"/>, one stride along both axes, the same padding on every side.</summary>
    public ConvolutionShape(int channels, int height, int width, int filters, int kernel, int stride = 1, int padding = 0)
        : this(channels, height, width, filters, kernel, kernel, stride, stride, padding, padding, padding, padding)
    {
    }

    /// <summary>Any kernel, strides and padding; throws when a size is not positive, a padding negative, or the window does not fit.</summary>
    public ConvolutionShape(
        int channels, int height, int width, int filters, int kernelHeight, int kernelWidth,
        int strideHeight, int strideWidth, int padTop, int padLeft, int padBottom, int padRight)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(filters);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(kernelHeight);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(kernelWidth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(strideHeight);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(strideWidth);
        ArgumentOutOfRangeException.ThrowIfNegative(padTop);
        ArgumentOutOfRangeException.ThrowIfNegative(padLeft);
        ArgumentOutOfRangeException.ThrowIfNegative(padBottom);
        ArgumentOutOfRangeException.ThrowIfNegative(padRight);
        if (kernelHeight > height + padTop + padBottom)
        {
            throw new ArgumentOutOfRangeException(
                nameof(kernelHeight), kernelHeight, $"The kernel must fit the padded input's height, {height} + {padTop} + {padBottom}.");
        }

        if (kernelWidth > width + padLeft + padRight)
        {
            throw new ArgumentOutOfRangeException(
                nameof(kernelWidth), kernelWidth, $"The kernel must fit the padded input's width, {width} + {padLeft} + {padRight}.");
        }

        (Channels, Height, Width, Filters) = (channels, height, width, filters);
        (KernelHeight, KernelWidth, StrideHeight, StrideWidth) = (kernelHeight, kernelWidth, strideHeight, strideWidth);
        (PadTop, PadLeft, PadBottom, PadRight) = (padTop, padLeft, padBottom, padRight);
        OutH = ((height + padTop + padBottom - kernelHeight) / strideHeight) + 1;
        OutW = ((width + padLeft + padRight - kernelWidth) / strideWidth) + 1;
    }

    /// <summary>Input channels, <c>C</c>.</summary>
    public int Channels { get; }

    /// <summary>Input height, <c>H</c>.</summary>
    public int Height { get; }

    /// <summary>Input width, <c>W</c>.</summary>
    public int Width { get; }

    /// <summary>Output channels, <c>F</c>.</summary>
    public int Filters { get; }

    /// <summary>Window rows, <c>KH</c>.</summary>
    public int KernelHeight { get; }

    /// <summary>Window columns, <c>KW</c>.</summary>
    public int KernelWidth { get; }

    /// <summary>The step between windows down the rows.</summary>
    public int StrideHeight { get; }

    /// <summary>The step between windows across the columns.</summary>
    public int StrideWidth { get; }

    /// <summary>Zero rows above the input, <c>PT</c>.</summary>
    public int PadTop { get; }

    /// <summary>Zero columns left of the input, <c>PL</c>.</summary>
    public int PadLeft { get; }

    /// <summary>Zero rows below the input, <c>PB</c>.</summary>
    public int PadBottom { get; }

    /// <summary>Zero columns right of the input, <c>PR</c>.</summary>
    public int PadRight { get; }

    /// <summary>Output height, <c>(H + PT + PB - KH) / SH + 1</c>.</summary>
    public int OutH { get; }

    /// <summary>Output width, <c>(W + PL + PR - KW) / SW + 1</c>.</summary>
    public int OutW { get; }

    /// <summary>Output pixels per filter, <c>P = OH · OW</c>.</summary>
    public int Pixels => OutH * OutW;

    /// <summary>Floats of one sample's input.</summary>
    public int InLength => Channels * Height * Width;

    /// <summary>Floats of one sample's output, <c>F · P</c>.</summary>
    public int OutLength => Filters * Pixels;

    /// <summary>Taps of one filter, <c>C · KH · KW</c>: the rows of an unfolded sample.</summary>
    public int Window => Channels * KernelHeight * KernelWidth;

    /// <summary>
    /// Whether the convolution is computed directly, without unfolding: a square window sliding by one along both axes,
    /// with the same padding on every side (computed over a zero-padded copy of the input: <see cref="Unpadded"/>). The
    /// direct kernels take only that form; every other one unfolds.
    /// </summary>
    public bool IsDirect => KernelChoice.ConvolvesDirectly(KernelHeight, KernelWidth, StrideHeight, StrideWidth, PadTop, PadLeft, PadBottom, PadRight);

    /// <summary>The side of the square kernel of a <see cref="IsDirect"/> convolution.</summary>
    internal int Kernel => KernelHeight;

    /// <summary>The padding on every side of a <see cref="IsDirect"/> convolution.</summary>
    internal int Padding => PadTop;

    /// <summary>The same convolution over the input with its padding zeros written in: padding 0, the same output.</summary>
    internal ConvolutionShape Unpadded =>
        new(Channels, Height + PadTop + PadBottom, Width + PadLeft + PadRight, Filters, KernelHeight, KernelWidth, StrideHeight, StrideWidth, 0, 0, 0, 0);

    /// <summary>The (c, u, v) of tap <paramref name="tap"/> in <c>[C × KH × KW]</c> order.</summary>
    internal (int C, int U, int V) Split(int tap) =>
        (tap / (KernelHeight * KernelWidth), tap / KernelWidth % KernelHeight, tap % KernelWidth);
}
