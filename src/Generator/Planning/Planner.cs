using System.Collections.Generic;
using System.Linq;
using Butterfly.Generator.Diagnostics;
using Butterfly.Generator.Layers;
using Butterfly.Generator.Model;
using Microsoft.CodeAnalysis;

namespace Butterfly.Generator.Planning;

/// <summary>
/// A problem the planner found, at a layer (or at the network when <see cref="LayerIndex"/> is -1); with
/// <see cref="AtFrom"/>, at the <c>[From]</c> before the layer. Warnings (by the descriptor's severity) leave the plan valid.
/// </summary>
internal sealed record PlanError(int LayerIndex, DiagnosticDescriptor Descriptor, object[] Arguments, ArgumentFix? Fix = null)
{
    public bool AtFrom { get; init; }
}

/// <summary>
/// Shape inference and buffer planning: pure functions of a <see cref="NetworkSpec"/>, testable without Roslyn.
/// </summary>
internal static class Planner
{
    /// <summary>At most 2^28 parameters (1 GiB of float32), and as many activation floats per sample.</summary>
    public const long MaxFloats = 1L << 28;

    /// <summary>
    /// Multiply-adds from which a Predict step is shared among threads. Handing half a step to a spinning worker and
    /// waiting for it costs about a microsecond; a step of 2^18 multiply-adds takes 2 to 3 us on one core with 512-bit
    /// FMAs, so from here the second core saves more than the handoff costs (W8's 3×3 convolutions of 16 and 32 channels
    /// take 0.9 to 1.8 million and split; its first, 1 channel in, and the bench LeNet's take 0.1 to 0.2 million and do not).
    /// </summary>
    public const long PredictSplitWork = 1L << 18;

    /// <summary>Plans <paramref name="spec"/>; on any error the plan is null and <paramref name="errors"/> says why.</summary>
    public static NetworkPlan? Plan(NetworkSpec spec, string networkName, List<PlanError> errors) =>
        Plan(spec, networkName, errors, LayerCatalog.Get);

    /// <summary>
    /// Plans with the layer kinds <paramref name="findKind"/> returns by name, so that a test can plan a kind the
    /// catalog does not list (such as one whose shape rule rejects its input, which no shipped kind does yet).
    /// </summary>
    public static NetworkPlan? Plan(NetworkSpec spec, string networkName, List<PlanError> errors, System.Func<string, LayerKind> findKind)
    {
        if (spec.Input.Length > MaxFloats)
        {
            errors.Add(new PlanError(-1, DiagnosticDescriptors.ActivationsTooLarge, [networkName, spec.Input.Length, MaxFloats]));
            return null;
        }

        var sources = Graph.ResolveSources(spec, networkName, errors, findKind);
        if (sources is null)
        {
            return null;
        }

        var layers = new List<LayerPlan>(spec.Layers.Count);
        var scratchShapes = new List<List<ScratchShape>>(spec.Layers.Count);
        var ordinals = new Dictionary<string, int>();
        long parameters = 0, workspace = 0;
        for (int i = 0; i < spec.Layers.Count; i++)
        {
            var layerSpec = spec.Layers[i];
            var kind = findKind(layerSpec.Kind);
            var operands = sources[i].Select(s => s < 0 ? null : layers[s]).ToList();
            var shapes = operands.Select(o => o?.OutputShape ?? spec.Input).ToList();
            var names = sources[i].Select((s, k) => Graph.OperandName(spec, s, k == 0 ? layerSpec.From : layerSpec.Merged[k - 1], layers)).ToList();
            var shape = shapes[0];
            var result = kind.InferShape(shapes, names, layerSpec);
            if (result.Output is not { } output)
            {
                errors.Add(result.Error is { } error
                    ? new PlanError(i, error.Descriptor, error.Arguments, error.Fix)
                    : new PlanError(i, DiagnosticDescriptors.ImpossibleShape, [layerSpec.ToString(), shape.ToString(), result.Problem ?? ""]));
                return null;
            }

            if (output.Length > MaxFloats)
            {
                errors.Add(new PlanError(-1, DiagnosticDescriptors.ActivationsTooLarge, [networkName, output.Length, MaxFloats]));
                return null;
            }

            if (result.Warning is { } warning)
            {
                errors.Add(new PlanError(i, warning.Descriptor, warning.Arguments, warning.Fix));
            }

            ordinals.TryGetValue(kind.Name, out int ordinal);
            ordinals[kind.Name] = ++ordinal;
            var layer = new LayerPlan(i, kind, layerSpec, ordinal, shape, output)
            {
                Sources = operands,
                InputShapes = shapes,
                PredictSplits = kind.SplittablePredictWork(shape, output, layerSpec) >= PredictSplitWork,
            };
            var tensors = new List<ParameterTensor>();
            long layerParameters = 0;
            foreach (var tensor in kind.Parameters(shape, output, layerSpec))
            {
                long offset = parameters + layerParameters;
                layerParameters += tensor.Length;
                if (offset + tensor.Length > MaxFloats)
                {
                    continue;
                }

                tensors.Add(new ParameterTensor(
                    layer.Name + "." + tensor.Suffix.ToLowerInvariant(),
                    layer.Identifier + tensor.Suffix,
                    (int)offset,
                    (int)tensor.Length,
                    tensor.Role));
            }

            parameters += layerParameters;
            layer.Parameters = tensors;
            layer.ParameterCount = (int)System.Math.Min(layerParameters, MaxFloats);
            layer.ActivationOffset = (int)System.Math.Min(workspace, MaxFloats);
            workspace += output.Length;
            layer.GradientOffset = (int)System.Math.Min(workspace, MaxFloats);
            workspace += output.Length;
            scratchShapes.Add(kind.Scratch(shape, output, layerSpec).ToList());
            layers.Add(layer);
        }

        Graph.Connect(layers, errors);
        int gradientSum = Graph.PlanGradientSums(layers, spec.Input);
        Graph.ShareGradients(layers);
        int gradientSumOffset = (int)System.Math.Min(workspace, MaxFloats);
        workspace += gradientSum;
        ChannelsLastRuns.Assign(layers);
        int slotFloats = PredictSlots.Assign(layers, out int slots);
        long fixedScratch = PlaceScratch(layers, scratchShapes, (long)slots * slotFloats, ref workspace);
        if (parameters > MaxFloats)
        {
            errors.Add(new PlanError(-1, DiagnosticDescriptors.TooManyParameters, [networkName, parameters, MaxFloats]));
        }

        if (workspace > MaxFloats || fixedScratch > MaxFloats)
        {
            errors.Add(new PlanError(-1, DiagnosticDescriptors.ActivationsTooLarge, [networkName, System.Math.Max(workspace, fixedScratch), MaxFloats]));
        }

        return errors.Any(e => e.Descriptor.DefaultSeverity == DiagnosticSeverity.Error)
            ? null
            : new NetworkPlan(spec, layers, (int)parameters, (int)workspace, (int)fixedScratch)
            {
                ActivationScratchFloats = slots * slotFloats,
                PredictSlotFloats = slotFloats,
                GradientSumOffset = gradientSumOffset,
                GradientSumFloats = gradientSum,
            };
    }

    /// <summary>
    /// Places every layer's scratch: per-sample tensors after the activations in the workspace layout, the others in its
    /// batch-independent part, and one sample's worth of each in Predict's scratch, after the two halves that hold
    /// the activations (<paramref name="predictBase"/> floats: <see cref="NetworkPlan.ActivationScratchFloats"/>).
    /// </summary>
    /// <returns>The floats of the batch-independent part.</returns>
    private static long PlaceScratch(List<LayerPlan> layers, List<List<ScratchShape>> shapes, long predictBase, ref long workspace)
    {
        long fixedScratch = 0;
        for (int i = 0; i < layers.Count; i++)
        {
            var placed = new List<ScratchTensor>();
            long predict = 0;
            foreach (var shape in shapes[i])
            {
                ref long region = ref shape.PerSample ? ref workspace : ref fixedScratch;
                placed.Add(new ScratchTensor(Clamp(region), Clamp(shape.Length), shape.PerSample, Clamp(predictBase + predict), Clamp(shape.ForPredict)));
                region += shape.Length;
                predict += shape.ForPredict;
            }

            layers[i].Scratch = placed;
            layers[i].PredictScratchFloats = layers[i].Kind.PredictUsesScratch ? Clamp(predict) : 0;
        }

        return fixedScratch;
    }

    private static int Clamp(long value) => (int)System.Math.Min(value, MaxFloats);
}
