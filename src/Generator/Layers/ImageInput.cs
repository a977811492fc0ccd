using Butterfly.Generator.Diagnostics;
using Butterfly.Generator.Model;

namespace Butterfly.Generator.Layers;

/// <summary>The checks layers that slide a window over an image share.</summary>
internal static class ImageInput
{
    /// <summary>Null when <paramref name="input"/> is <c>(channels, height, width)</c>, else the BF0025 rejection.</summary>
    public static ShapeResult? Require(Shape input, LayerSpec spec) =>
        input.Rank == 3 ? null : ShapeResult.Rejected(DiagnosticDescriptors.NeedsImageInput, spec.ToString(), input.ToString());

    /// <summary>Null when a <paramref name="window"/>-sided window fits in the (padded) image, else the BF0026 rejection.</summary>
    public static ShapeResult? RequireFits(Shape input, LayerSpec spec, int window, int padding)
    {
        int height = input[1] + 2 * padding, width = input[2] + 2 * padding;
        return window <= height && window <= width
            ? null
            : ShapeResult.Rejected(
                DiagnosticDescriptors.WindowLargerThanInput,
                spec.ToString(),
                window,
                height,
                width,
                padding > 0 ? $" (with padding {padding})" : "");
    }

    /// <summary>
    /// A layer's <c>(channels, height, width)</c> with the first dimension as channels and the rest as positions, so
    /// that a per-channel layer also takes a vector (each feature its own channel).
    /// </summary>
    public static (int Channels, int Positions) ChannelsAndPositions(Shape shape) =>
        (shape[0], (int)(shape.Length / shape[0]));
}
