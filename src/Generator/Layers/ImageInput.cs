using Butterfly.Generator.Diagnostics;
using Butterfly.Generator.Model;

namespace Butterfly.Generator.Layers;

/// <summary>The checks layers that slide a window over an image share.</summary>
internal static class ImageInput
{
    /// <summary>Null when <paramref name="input"/> is <c>(channels, height, width)</c>, else the BF0025 rejection.</summary>
    public static ShapeResult? Require(Shape input, LayerSpec spec) =>
        input.Rank == 3 ? null : ShapeResult.Rejected(DiagnosticDescriptors.NeedsImageInput, spec.ToString(), input.ToString());

    /// <summary>
    /// Null when a <paramref name="window"/>-sided window fits in the (padded) image, else the BF0026 rejection; for a
    /// layer that <paramref name="pads"/>, that rejection carries the least padding that makes the window fit.
    /// </summary>
    public static ShapeResult? RequireFits(Shape input, LayerSpec spec, int window, int padding, bool pads = false)
    {
        int height = input[1] + 2 * padding, width = input[2] + 2 * padding;
        if (window <= height && window <= width)
        {
            return null;
        }

        // window <= side + 2p for both sides: p = ceil((window - smaller side) / 2), which is below the window.
        int fitting = (window - System.Math.Min(input[1], input[2]) + 1) / 2;
        object[] arguments = [spec.ToString(), window, height, width, padding > 0 ? $" (with padding {padding})" : ""];
        return ShapeResult.Rejected(new LayerError(DiagnosticDescriptors.WindowLargerThanInput, arguments, pads ? new ArgumentFix("padding", fitting) : null));
    }

    /// <summary>
    /// A layer's <c>(channels, height, width)</c> with the first dimension as channels and the rest as positions, so
    /// that a per-channel layer also takes a vector (each feature its own channel).
    /// </summary>
    public static (int Channels, int Positions) ChannelsAndPositions(Shape shape) =>
        (shape[0], (int)(shape.Length / shape[0]));
}
