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

    /// <summary>The shape of the first operand.</summary>
    public Shape InputShape { get; }

    /// <summary>The layers whose outputs this one reads, in operand order; null stands for the network's input.</summary>
    public IReadOnlyList<LayerPlan?> Sources { get; internal set; } = [null];

    /// <summary>The first operand's layer (null: the network's input).</summary>
    public LayerPlan? Source => Sources[0];

    /// <summary>The shape of every operand.</summary>
    public IReadOnlyList<Shape> InputShapes { get; internal set; } = [];

    /// <summary>The layers that read this one's output, in declaration order, once each.</summary>
    public IReadOnlyList<LayerPlan> Readers { get; internal set; } = [];

    /// <summary>Whether this is the network's output layer.</summary>
    public bool IsOutput { get; internal set; }

    /// <summary>Whether the output depends on this layer; backward skips the layers it does not (whose output nothing reads).</summary>
    public bool ReachesOutput { get; internal set; }

    /// <summary>
    /// For each operand, whether its <c>dE/dx</c> is added to what other readers of the same output put there (true) or
    /// written over it (false): the first of them that backward reaches writes, the others add.
    /// </summary>
    public IReadOnlyList<bool> OperandAccumulates { get; internal set; } = [false];

    /// <summary>Predict's activation slot that receives the output; -1 for the output layer, which writes the caller's span.</summary>
    public int PredictSlot { get; internal set; } = -1;

    /// <summary>
    /// Whether Predict shares this layer's work among up to <c>Parallelism.PredictThreadCount</c> threads, the planner's choice
    /// (<see cref="Planner.PredictSplitWork"/>); otherwise the calling thread computes it alone.
    /// </summary>
    public bool PredictSplits { get; internal set; }

    /// <summary>Whether Predict computes the layer in place, over its input's slot.</summary>
    public bool PredictInPlace { get; internal set; }

    /// <summary>
    /// The zero border of the channels-last image Predict keeps this layer's output in (<see cref="ChannelsLastRuns"/>), or -1
    /// when it keeps it as planes, <c>[C × H × W]</c>, as every other pass does.
    /// </summary>
    public int PredictBorder { get; internal set; } = -1;

    /// <summary>
    /// For a channels-last convolution whose only reader is a sum of it and an earlier output, that sum: Predict's
    /// convolution adds the other operand (and applies the sum's ReLU) as it stores, and the sum takes its slot
    /// (<see cref="ChannelsLastRuns"/>); else null.
    /// </summary>
    public LayerPlan? PredictSumsInto { get; internal set; }

    /// <summary>Whether Predict keeps the output channels-last (<see cref="PredictBorder"/>).</summary>
    public bool PredictChannelsLast => PredictBorder >= 0;

    /// <summary>Floats of Predict's copy of the output: the channels-last image with its border, or the output itself.</summary>
    public int PredictOutputLength => PredictChannelsLast
        ? (int)System.Math.Min(Kernels.KernelChoice.ChannelsLastLength(OutputShape[0], OutputShape[1], OutputShape[2], PredictBorder), Planner.MaxFloats)
        : OutputLength;

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

    /// <summary>The layer's row-sparse tensor, if it has one, and its slot among the network's sparse blocks.</summary>
    public SparseTensor? Sparse { get; internal set; }

    /// <summary>The index of <see cref="Sparse"/> in the network's sparse blocks; -1 when the layer has none.</summary>
    public int SparseSlot { get; internal set; } = -1;

    /// <summary>
    /// The layer after this one when it is this output's only reader and reads nothing else, else null: the chain along
    /// which <see cref="Lowering"/> may join layers into one step.
    /// </summary>
    public LayerPlan? Next { get; internal set; }

    /// <summary>The step that holds this layer (<see cref="Lowering"/>).</summary>
    public Step Step { get; internal set; } = null!;
}
