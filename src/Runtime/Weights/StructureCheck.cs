using System;
using System.IO;

namespace Butterfly;

/// <summary>
/// Refuses saved parameters whose <see cref="ParameterRole.Structure"/> blocks (a hierarchical softmax's class tree, say)
/// differ from the network's: the other parameters were trained for the saved structure and mean nothing under another.
/// </summary>
internal static class StructureCheck
{
    /// <exception cref="InvalidDataException">A structure block differs; it names the block and where the values came from.</exception>
    public static void Verify(INetwork network, ReadOnlySpan<float> saved, string source) =>
        Verify(network.ParameterBlocks, network.Parameters, saved, source);

    /// <exception cref="InvalidDataException">A structure block of <paramref name="blocks"/> differs between <paramref name="live"/> and <paramref name="saved"/>.</exception>
    public static void Verify(ReadOnlySpan<ParameterBlock> blocks, ReadOnlySpan<float> live, ReadOnlySpan<float> saved, string source)
    {
        foreach (var block in blocks)
        {
            if (block.Role != ParameterRole.Structure)
            {
                continue;
            }

            var theirs = saved.Slice(block.Offset, block.Length);
            var ours = live.Slice(block.Offset, block.Length);
            if (!theirs.SequenceEqual(ours))
            {
                int at = theirs.CommonPrefixLength(ours);
                throw new InvalidDataException(
                    $"{source} was saved with another {block.Name} than this network's (they first differ at element {at}): " +
                    "its weights were trained for that structure. Construct the network with the same structure (for a hierarchical " +
                    "softmax, the same ClassTree) before loading.");
            }
        }
    }
}
