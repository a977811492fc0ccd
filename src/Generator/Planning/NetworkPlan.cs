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
    public NetworkPlan(NetworkSpec spec, IReadOnlyList<LayerPlan> layers, int parameterCount, int workspaceFloatsPerSample)
    {
        Spec = spec;
        Layers = layers;
        ParameterCount = parameterCount;
        WorkspaceFloatsPerSample = workspaceFloatsPerSample;
    }

    public NetworkSpec Spec { get; }

    public IReadOnlyList<LayerPlan> Layers { get; }

    public int InputLength => (int)Spec.Input.Length;

    public int OutputLength => Layers[Layers.Count - 1].OutputLength;

    public int ParameterCount { get; }

    public int WorkspaceFloatsPerSample { get; }

    /// <summary>
    /// Whether training fuses softmax with cross-entropy: the loss then hands <c>dz = p - onehot</c> straight to
    /// the softmax input, and backpropagation starts one layer below the output.
    /// </summary>
    public bool FusesSoftmaxCrossEntropy => Spec.Loss == LossKind.CrossEntropy;

    /// <summary>The last layer that backpropagation walks through (-1 when there is none).</summary>
    public int BackpropagationStart => FusesSoftmaxCrossEntropy ? Layers.Count - 2 : Layers.Count - 1;

    /// <summary>Floats of scratch Predict needs: two buffers as wide as the widest hidden layer.</summary>
    public int PredictScratchFloats => Layers.Take(Layers.Count - 1).Select(l => l.OutputLength).DefaultIfEmpty(0).Max() * 2;

    public IEnumerable<ParameterTensor> ParameterTensors => Layers.SelectMany(l => l.Parameters);

    /// <summary>The generated properties that depend on the layers: each tensor's view and its gradient's view.</summary>
    public IEnumerable<string> ParameterViewNames => ParameterTensors.SelectMany(t => new[] { t.ViewName, t.GradientViewName });

    /// <summary>The shapes as one line, which weights files record: <c>Input(784) Dense(100) Sigmoid ...</c>.</summary>
    public string Signature =>
        "Input(" + string.Join(", ", Spec.Input.Dimensions) + ") " + string.Join(" ", Layers.Select(l => l.Spec.ToString()));
}
