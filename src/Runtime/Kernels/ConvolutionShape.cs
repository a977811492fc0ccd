using System.ComponentModel;

namespace Butterfly.Kernels;

/// <summary>
/// The shapes of one convolution: a sample <c>[C × H × W]</c>, <c>F</c> filters of <c>K × K</c>, stride <c>s</c> and
/// zero padding <c>p</c>, and what follows from them. Every convolution kernel derives its sizes from here. The output
/// size is worked out once, when the shape is made, so the kernels' loops divide nothing. Generated code passes one to
/// the kernels it calls in place of the sizes one by one.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct ConvolutionShape
{
    /// <summary>A square <paramref name="kernel"/>, one stride along both axes, the same padding on every side.</summary>
    public ConvolutionShape(int channels, int height, int width, int filters, int kernel, int stride = 1, int padding = 0)
    {
        (Channels, Height, Width, Filters, Kernel, Stride, Padding) = (channels, height, width, filters, kernel, stride, padding);
        OutH = Convolution.OutputSize(height, kernel, stride, padding);
        OutW = Convolution.OutputSize(width, kernel, stride, padding);
    }

    /// <summary>Input channels, <c>C</c>.</summary>
    public int Channels { get; }

    /// <summary>Input height, <c>H</c>.</summary>
    public int Height { get; }

    /// <summary>Input width, <c>W</c>.</summary>
    public int Width { get; }

    /// <summary>Output channels, <c>F</c>.</summary>
    public int Filters { get; }

    /// <summary>The square window's side, <c>K</c>.</summary>
    public int Kernel { get; }

    /// <summary>The step between windows, <c>s</c>.</summary>
    public int Stride { get; }

    /// <summary>Zeros on every side of the input, <c>p</c>.</summary>
    public int Padding { get; }

    /// <summary>Output height, <c>(H + 2p - K) / s + 1</c>.</summary>
    public int OutH { get; }

    /// <summary>Output width, <c>(W + 2p - K) / s + 1</c>.</summary>
    public int OutW { get; }

    /// <summary>Output pixels per filter, <c>P = OH · OW</c>.</summary>
    public int Pixels => OutH * OutW;

    /// <summary>Floats of one sample's input.</summary>
    public int InLength => Channels * Height * Width;

    /// <summary>Floats of one sample's output, <c>F · P</c>.</summary>
    public int OutLength => Filters * Pixels;

    /// <summary>Taps of one filter, <c>C K K</c>: the rows of an unfolded sample.</summary>
    public int Window => Channels * Kernel * Kernel;

    /// <summary>
    /// Whether the window slides by one: the case computed directly, without unfolding (with padding, over a zero-padded
    /// copy of the input: <see cref="Unpadded"/>).
    /// </summary>
    public bool IsDirect => Stride == 1;

    /// <summary>The same convolution over the input with its <see cref="Padding"/> zeros written in: padding 0, the same output.</summary>
    internal ConvolutionShape Unpadded => new(Channels, Height + 2 * Padding, Width + 2 * Padding, Filters, Kernel, Stride);

    /// <summary>The (c, u, v) of tap <paramref name="tap"/> in <c>[C × K × K]</c> order.</summary>
    internal (int C, int U, int V) Split(int tap) => (tap / (Kernel * Kernel), tap / Kernel % Kernel, tap % Kernel);
}
