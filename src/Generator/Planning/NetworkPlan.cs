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
    }

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
    /// Floats of scratch Predict needs: two buffers as wide as the widest hidden layer, then the layers' own scratch
    /// (which layers use one at a time, so it starts over for each).
    /// </summary>
    public int PredictScratchFloats => ActivationScratchFloats + Layers.Select(l => l.PredictScratchFloats).DefaultIfEmpty(0).Max();

    /// <summary>The two halves of Predict's scratch that hold the hidden activations.</summary>
    public int ActivationScratchFloats => ActivationScratchFloatsOf(Layers);

    /// <summary><see cref="ActivationScratchFloats"/> of <paramref name="layers"/>, for the planner.</summary>
    public static int ActivationScratchFloatsOf(IReadOnlyList<LayerPlan> layers) =>
        layers.Take(layers.Count - 1).Select(l => l.OutputLength).DefaultIfEmpty(0).Max() * 2;

    public IEnumerable<ParameterTensor> ParameterTensors => Layers.SelectMany(l => l.Parameters);

    /// <summary>The generated properties that depend on the layers: each tensor's view and its gradient's view.</summary>
    public IEnumerable<string> ParameterViewNames => ParameterTensors.SelectMany(t => new[] { t.ViewName, t.GradientViewName });

    /// <summary>The shapes as one line, which weights files record: <c>Input(784) Dense(100) Sigmoid ...</c>.</summary>
    public string Signature =>
        "Input(" + string.Join(", ", Spec.Input.Dimensions) + ") " + string.Join(" ", Layers.Select(l => l.Spec.ToString()));
}
