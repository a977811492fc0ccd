using System.Collections.Generic;
using Butterfly.Generator.Layers;
using Butterfly.Generator.Model;

namespace Butterfly.Generator.Planning;

/// <summary>A layer with everything the emitter needs: shapes, parameter offsets and workspace offsets.</summary>
internal sealed class LayerPlan
{
    public LayerPlan(int index, LayerKind kind, LayerSpec spec, int ordinal, Shape input, Shape output)
    {
        Index = index;
        Kind = kind;
        Spec = spec;
        Name = kind.Stem + "_" + ordinal;
        Identifier = kind.Name + ordinal;
        InputShape = input;
        OutputShape = output;
    }

    /// <summary>Position in the network, from 0.</summary>
    public int Index { get; }

    public LayerKind Kind { get; }

    public LayerSpec Spec { get; }

    /// <summary>Keras-style name: <c>dense_1</c>.</summary>
    public string Name { get; }

    /// <summary>The name's C# form, for generated members: <c>Dense1</c>.</summary>
    public string Identifier { get; }

    public Shape InputShape { get; }

    public Shape OutputShape { get; }

    public int InputLength => (int)InputShape.Length;

    public int OutputLength => (int)OutputShape.Length;

    /// <summary>The layer's parameter tensors, in buffer order.</summary>
    public IReadOnlyList<ParameterTensor> Parameters { get; internal set; } = [];

    public int ParameterCount { get; internal set; }

    /// <summary>The layer's workspace scratch, in the order its kind declares it.</summary>
    public IReadOnlyList<ScratchTensor> Scratch { get; internal set; } = [];

    /// <summary>Floats of Predict scratch the layer's own scratch takes (one sample's worth of each tensor).</summary>
    public int PredictScratchFloats { get; internal set; }

    /// <summary>Per-sample offset of this layer's output in the workspace.</summary>
    public int ActivationOffset { get; internal set; }

    /// <summary>Per-sample offset of the loss gradient with respect to this layer's output.</summary>
    public int GradientOffset { get; internal set; }

    /// <summary>The layer after this one, or null for the output layer.</summary>
    public LayerPlan? Next { get; internal set; }

    /// <summary>The layer before this one, or null for the first layer.</summary>
    public LayerPlan? Previous { get; internal set; }
}
