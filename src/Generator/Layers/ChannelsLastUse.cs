namespace Butterfly.Generator.Layers;

/// <summary>
/// How a layer takes part in Predict's channels-last runs (<see cref="Planning.ChannelsLastRuns"/>): images stored
/// <c>[(H + 2b) × (W + 2b) × C]</c> with a zero border, so that threads given bands of rows never share a line.
/// </summary>
internal enum ChannelsLastUse
{
    /// <summary>The layer reads and writes planes, <c>[C × H × W]</c>.</summary>
    None,

    /// <summary>A convolution that writes channels-last with its padding as the border, reading planes or channels-last.</summary>
    Writes,

    /// <summary>A layer that maps channels-last images to channels-last images with the same border, zeros to zeros.</summary>
    Keeps,

    /// <summary>A layer that reads a channels-last image (or planes) and writes no image.</summary>
    Reads,
}
