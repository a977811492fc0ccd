using System.Collections.Generic;
using System.Linq;

namespace Butterfly.Generator.Planning;

/// <summary>
/// Assigns Predict's hidden activations to slots by liveness: an output takes a free slot when it is computed, and its
/// slot is freed after the last layer that reads it. An element-wise layer that is the last reader of its input works
/// in place, in the input's slot, and so does a sum that the convolution before it computes
/// (<see cref="LayerPlan.PredictSumsInto"/>). The slots are all as wide as the widest hidden output (a channels-last one with its
/// border, <see cref="LayerPlan.PredictOutputLength"/>); a straight stack needs two
/// (a layer's input and its output), a residual block three (the block's input waits for the merge).
/// </summary>
internal static class PredictSlots
{
    /// <summary>Sets each layer's <see cref="LayerPlan.PredictSlot"/> and <see cref="LayerPlan.PredictInPlace"/>.</summary>
    /// <returns>Floats per slot; <paramref name="slots"/> receives how many there are.</returns>
    public static int Assign(IReadOnlyList<LayerPlan> layers, out int slots)
    {
        int slotFloats = layers.Where(l => !l.IsOutput).Select(l => l.PredictOutputLength).DefaultIfEmpty(0).Max();
        var lastRead = layers.Select(l => l.Readers.Count == 0 ? l.Index : l.Readers[l.Readers.Count - 1].Index).ToArray();
        var free = new SortedSet<int>();
        slots = 0;
        foreach (var layer in layers)
        {
            if (layer.IsOutput)
            {
                layer.PredictSlot = -1;
            }
            else if (((layer.Kind.IsElementwise && !layer.Kind.IsMerge) || layer.Source?.PredictSumsInto == layer)
                && layer.Source is { PredictSlot: >= 0 } source && lastRead[source.Index] == layer.Index)
            {
                layer.PredictSlot = source.PredictSlot;
                layer.PredictInPlace = true;
            }
            else if (free.Count > 0)
            {
                layer.PredictSlot = free.Min;
                free.Remove(free.Min);
            }
            else
            {
                layer.PredictSlot = slots++;
            }

            // Operands die after their last reader (an output read by none dies at once), unless this layer took the slot over.
            foreach (var source in layer.Sources.Append(layer).Distinct())
            {
                if (source is { PredictSlot: >= 0 } dying && lastRead[dying.Index] == layer.Index && !(dying == layer.Source && dying != layer && layer.PredictInPlace))
                {
                    free.Add(dying.PredictSlot);
                }
            }
        }

        return slotFloats;
    }
}
