namespace Butterfly.Kernels;

/// <summary>
/// The shapes of one convolution: a sample <c>[C × H × W]</c>, <c>F</c> filters of <c>K × K</c>, stride <c>s</c> and
/// zero padding <c>p</c>, and what follows from them. Every convolution kernel derives its sizes from here. The output
/// size is worked out once, when the shape is made, so the kernels' loops divide nothing.
/// </summary>
internal readonly struct ConvolutionShape
{
    public ConvolutionShape(int channels, int height, int width, int filters, int kernel, int stride = 1, int padding = 0)
    {
        (Channels, Height, Width, Filters, Kernel, Stride, Padding) = (channels, height, width, filters, kernel, stride, padding);
        OutH = Convolution.OutputSize(height, kernel, stride, padding);
        OutW = Convolution.OutputSize(width, kernel, stride, padding);
    }

    public int Channels { get; }

    public int Height { get; }

    public int Width { get; }

    public int Filters { get; }

    public int Kernel { get; }

    public int Stride { get; }

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
    public ConvolutionShape Unpadded => new(Channels, Height + 2 * Padding, Width + 2 * Padding, Filters, Kernel, Stride);

    /// <summary>The (c, u, v) of tap <paramref name="tap"/> in <c>[C × K × K]</c> order.</summary>
    public (int C, int U, int V) Split(int tap) => (tap / (Kernel * Kernel), tap / Kernel % Kernel, tap % Kernel);
}
