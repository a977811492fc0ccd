using System.Collections.Generic;
using System.Linq;
using Butterfly.Generator.Model;

namespace Butterfly.Generator.Planning;

/// <summary>
/// The buffer plan of a network: every layer's shapes, where its parameters sit in the flat parameter buffer,
/// and where its activations and activation gradients sit in the workspace (per-sample offsets; the workspace
/// scales each region by its batch capacity).
/// </summary>
internal sealed class NetworkPlan
{
    public NetworkPlan(NetworkSpec spec, IReadOnlyList<LayerPlan> layers, int parameterCount, int workspaceFloatsPerSample, int workspaceFixedFloats = 0)
    {
        Spec = spec;
        Layers = layers;
        ParameterCount = parameterCount;
        WorkspaceFloatsPerSample = workspaceFloatsPerSample;
        WorkspaceFixedFloats = workspaceFixedFloats;
        int slot = 0;
        foreach (var layer in layers)
        {
            layer.Sparse = layer.Kind.SparseRows(layer.InputShape, layer.OutputShape, layer.Spec);
            layer.SparseSlot = layer.Sparse is null ? -1 : slot++;
        }

        Steps = Lowering.Lower(layers, BackpropagationStart);
        foreach (var step in Steps)
        {
            foreach (var layer in step.Layers)
            {
                layer.Step = step;
            }
        }
    }

    /// <summary>The layers lowered into the units the emitter writes, in network order (<see cref="Lowering"/>).</summary>
    public IReadOnlyList<Step> Steps { get; }

    /// <summary>Whether some layer's gradient is row-sparse, so the optimizer gets the touched rows.</summary>
    public bool HasSparseGradients => Layers.Any(l => l.Sparse is not null);

    /// <summary>Whether the output layer owns its loss (a hierarchical softmax), which the training step then runs.</summary>
    public bool OutputOwnsLoss => Layers[Layers.Count - 1].Kind.OwnsLoss;

    public NetworkSpec Spec { get; }

    public IReadOnlyList<LayerPlan> Layers { get; }

    public int InputLength => (int)Spec.Input.Length;

    public int OutputLength => Layers[Layers.Count - 1].OutputLength;

    public int ParameterCount { get; }

    public int WorkspaceFloatsPerSample { get; }

    /// <summary>Floats of workspace scratch that do not scale with the batch (a convolution's unfolded sample).</summary>
    public int WorkspaceFixedFloats { get; }

    /// <summary>
    /// Whether training fuses softmax with cross-entropy: the loss then hands <c>dz = p - onehot</c> straight to
    /// the softmax input, and backpropagation starts one layer below the output.
    /// </summary>
    public bool FusesSoftmaxCrossEntropy => Spec.Loss == LossKind.CrossEntropy;

    /// <summary>The last layer that backpropagation walks through (-1 when there is none).</summary>
    public int BackpropagationStart => FusesSoftmaxCrossEntropy ? Layers.Count - 2 : Layers.Count - 1;

    /// <summary>
    /// The layer whose <c>dE/dy</c> the loss writes: with softmax fused into cross-entropy, the one the softmax reads (null
    /// when that is the input), else the output layer.
    /// </summary>
    public LayerPlan? LossGradientLayer => FusesSoftmaxCrossEntropy ? Output.Source : Output;

    /// <summary>
    /// Floats of scratch Predict needs: the slots that hold the hidden activations (<see cref="PredictSlots"/>), then the
    /// layers' own scratch (which layers use one at a time, so it starts over for each).
    /// </summary>
    public int PredictScratchFloats => ActivationScratchFloats + Layers.Select(l => l.PredictScratchFloats).DefaultIfEmpty(0).Max();

    /// <summary>The part of Predict's scratch that holds the hidden activations: every slot.</summary>
    public int ActivationScratchFloats { get; init; }

    /// <summary>Floats in one of Predict's activation slots: the widest hidden output.</summary>
    public int PredictSlotFloats { get; init; }

    /// <summary>
    /// Per-sample offset of the workspace region where a layer puts its share of a gradient that other layers also
    /// feed, before adding it in (the article's sum over <c>k</c>); <see cref="GradientSumFloats"/> long (0 in a stack).
    /// </summary>
    public int GradientSumOffset { get; init; }

    /// <summary>Floats per sample of the region at <see cref="GradientSumOffset"/>.</summary>
    public int GradientSumFloats { get; init; }

    /// <summary>The network's output layer.</summary>
    public LayerPlan Output => Layers[Layers.Count - 1];

    /// <summary>Whether some layer reads anything but the layer declared just before it: a branch or a merge.</summary>
    public bool IsGraph => Spec.Layers.Any(l => l.From is not null || l.Merged.Count > 0);

    public IEnumerable<ParameterTensor> ParameterTensors => Layers.SelectMany(l => l.Parameters);

    /// <summary>The generated properties that depend on the layers: each tensor's view and its gradient's view.</summary>
    public IEnumerable<string> ParameterViewNames => ParameterTensors.SelectMany(t => new[] { t.ViewName, t.GradientViewName });

    /// <summary>The shapes as one line, which weights files record: <c>Input(784) Dense(100) Sigmoid ...</c>.</summary>
    public string Signature =>
        (Spec.InputName is null ? "" : Spec.InputName + "=") + "Input(" + string.Join(", ", Spec.Input.Dimensions) +
        (Spec.TakesTokens ? ", Vocabulary = " + Spec.Vocabulary : "") + ") " + string.Join(" ", Layers.Select(l => l.Spec.ToString()));
}
