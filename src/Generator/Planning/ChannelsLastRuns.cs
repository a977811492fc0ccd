using System.Collections.Generic;
using System.Linq;
using Butterfly.Generator.Layers;

namespace Butterfly.Generator.Planning;

/// <summary>
/// Decides which of Predict's images are kept channels-last, <c>[(H + 2b) × (W + 2b) × C]</c> with a zero border of
/// <c>b</c> (the padding of the convolutions that read them), instead of as planes, <c>[C × H × W]</c>.
/// </summary>
/// <remarks>
/// Split between threads in bands of rows, planes 28 or 14 floats wide put the ends of two bands in one 64-byte line
/// in every plane, and the line crosses between the cores each time either side writes it; a layer computed on one
/// thread between split ones pulls every line across. Channels-last, a pixel's 16 or 32 channels fill whole lines, the
/// border makes the zero padding part of the image (a convolution reads its input in place), and every layer of a run
/// is split in the same equal bands of rows, so a band stays in one core's cache from layer to layer. On the 2-vCPU
/// Zen 5 host the bench's residual network (W8) went from 94-104 us on one thread to 57-74 us on two this way, where
/// planes split in bands had been slower on two threads than on one.
/// <para>
/// A run starts at a convolution the channels-last kernels take (<see cref="Kernels.KernelChoice.ConvolvesChannelsLast"/>),
/// whether its input is planes or not; ReLUs, sums, products and max poolings of channels-last images stay in it, and a
/// global average pooling reads it. An image goes back to planes when any layer that reads it cannot read channels-last
/// (a flattening dense layer, a concatenation, a batch normalization, whose shift would not keep the border zero; the
/// output layer), which the fixed point below carries back along the run. Backward, Forward and training keep planes.
/// </para>
/// </remarks>
internal static class ChannelsLastRuns
{
    /// <summary>Sets <see cref="LayerPlan.PredictBorder"/> of every layer, and splits a run's layers alike.</summary>
    public static void Assign(IReadOnlyList<LayerPlan> layers)
    {
        foreach (var layer in layers.Where(l => !l.IsOutput))
        {
            layer.PredictBorder = layer.Kind.ChannelsLast(layer.Spec) switch
            {
                ChannelsLastUse.Writes => layer.Kind.ChannelsLastBorder(layer.Spec),
                ChannelsLastUse.Keeps when layer.Sources.All(s => s is { PredictChannelsLast: true }) && layer.Sources.Select(s => s!.PredictBorder).Distinct().Count() == 1
                    => layer.Source!.PredictBorder,
                _ => -1,
            };
        }

        for (bool changed = true; changed;)
        {
            changed = false;
            foreach (var layer in layers.Where(l => l.PredictChannelsLast))
            {
                bool keeps = layer.Kind.ChannelsLast(layer.Spec) == ChannelsLastUse.Keeps;
                if (layer.Readers.Any(reader => !ReadsChannelsLast(reader, layer.PredictBorder))
                    || (keeps && layer.Sources.Any(s => s?.PredictBorder != layer.PredictBorder)))
                {
                    layer.PredictBorder = -1;
                    changed = true;
                }
            }
        }

        // A residual sum right after a convolution: the convolution adds the other operand as it stores, which saves the
        // sum's pass over three images and its handoff between threads. The other operand is computed before the
        // convolution runs, and the convolution reads a channels-last image (the kernel that reads planes has no sum).
        foreach (var layer in layers.Where(l => l.PredictChannelsLast && l.Kind.ChannelsLast(l.Spec) == ChannelsLastUse.Writes))
        {
            if (layer.Source is { PredictChannelsLast: true } && layer.Readers.Count == 1 && layer.Readers[0] is { Sources.Count: 2 } sum
                && sum.PredictChannelsLast && sum.Kind.IsSum && sum.Sources[0] == layer && sum.Sources[1] is { } other && other.Index < layer.Index)
            {
                layer.PredictSumsInto = sum;
            }
        }

        // Every kernel of the runs goes in the same bands, so that each band's rows stay on one core (a ReLU is applied by
        // the layer before it); a run too small to pay for the handoffs stays on the calling thread.
        var run = layers.Where(l => l.PredictChannelsLast).ToList();
        bool split = run.Sum(l => l.Kind.SplittablePredictWork(l.InputShape, l.OutputShape, l.Spec)) >= Planner.PredictSplitWork;
        foreach (var layer in run)
        {
            layer.PredictSplits = split && !layer.Kind.IsReLU && layer.Source?.PredictSumsInto != layer;
        }
    }

    /// <summary>Whether <paramref name="reader"/> can read a channels-last image with border <paramref name="border"/>.</summary>
    private static bool ReadsChannelsLast(LayerPlan reader, int border) => reader.Kind.ChannelsLast(reader.Spec) switch
    {
        ChannelsLastUse.Writes or ChannelsLastUse.Keeps => reader.PredictBorder == border,
        ChannelsLastUse.Reads => true,
        _ => false,
    };
}
