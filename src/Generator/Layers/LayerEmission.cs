using System.Collections.Generic;
using Butterfly.Generator.Emitting;
using Butterfly.Generator.Planning;

namespace Butterfly.Generator.Layers;

/// <summary>Which generated method a layer's code goes into; it decides how the layer's scratch and mode are reached.</summary>
internal enum EmissionContext
{
    /// <summary>The constructor: only parameters.</summary>
    Initialization,

    /// <summary>One sample, inference mode, scratch in Predict's own buffer.</summary>
    Predict,

    /// <summary>A batch (<c>batch</c> in scope), in the mode of the <c>training</c> argument.</summary>
    Forward,

    /// <summary>A batch, in the mode the last forward pass recorded in the workspace.</summary>
    Backward,
}

/// <summary>
/// The names a layer's emitted code uses: the spans holding its input and output (and their gradients) in the
/// method being written, its parameter tensors, its scratch, the batch size and the training flag.
/// </summary>
internal sealed class LayerEmission
{
    public LayerEmission(LayerPlan layer, EmissionContext context, string input, string output, string outputGradient = "", string? inputGradient = null)
    {
        Layer = layer;
        Context = context;
        Input = input;
        Output = output;
        OutputGradient = outputGradient;
        InputGradient = inputGradient;
        Operands = [input];
        OperandGradients = [inputGradient];
    }

    public LayerPlan Layer { get; }

    public EmissionContext Context { get; }

    /// <summary>The span holding the layer's input.</summary>
    public string Input { get; }

    /// <summary>The span receiving the layer's output.</summary>
    public string Output { get; }

    /// <summary>The span holding <c>dE/dy</c>.</summary>
    public string OutputGradient { get; }

    /// <summary>The span receiving <c>dE/dx</c>, or null for the first layer, whose input needs no gradient.</summary>
    public string? InputGradient { get; }

    /// <summary>The spans holding every operand, in order: <see cref="Input"/> alone, except for a merge.</summary>
    public IReadOnlyList<string> Operands { get; set; }

    /// <summary>
    /// The spans receiving each operand's <c>dE/dx</c> (null where none is wanted); a merge writes or adds as
    /// <see cref="LayerPlan.OperandAccumulates"/> says, other layers always write (the emitter adds where it must).
    /// </summary>
    public IReadOnlyList<string?> OperandGradients { get; set; }

    /// <summary>
    /// A reader's share of <c>dE/dy</c> not yet added to <see cref="OutputGradient"/> (backward left it in the gradient-sum
    /// region for this layer, whose backward rule comes next, to add on the way), or null. Only a layer that
    /// <see cref="LayerKind.AddsGradientShareInBackward"/> is given one.
    /// </summary>
    public string? OutputGradientShare { get; init; }

    /// <summary>A span a merge may use for an operand's share of a gradient before adding it (<see cref="Planning.NetworkPlan.GradientSumOffset"/>).</summary>
    public string GradientSum { get; init; } = "";

    /// <summary>The number of samples: <c>batch</c>, or <c>1</c> in Predict.</summary>
    public string Batch => Context == EmissionContext.Predict ? "1" : "batch";

    /// <summary>A bool expression: whether the pass runs in training mode.</summary>
    public string Training => Context switch
    {
        EmissionContext.Forward => "training",
        EmissionContext.Backward => "workspace.Training",
        _ => "false",
    };

    /// <summary>
    /// The span expression holding all parameters: the instance's <c>parameters</c> local, or the static data of embedded
    /// weights, so that one <see cref="LayerKind.EmitPredict"/> serves both.
    /// </summary>
    public string ParameterBuffer { get; init; } = "parameters";

    /// <summary>For an int8 embedded Predict, the layer's quantized tensors; null in float code.</summary>
    public QuantizedTensors? Quantized { get; init; }

    /// <summary>The <c>Butterfly.TouchedRows</c> of the layer's row-sparse tensor (see <see cref="LayerKind.SparseRows"/>).</summary>
    public string TouchedRows => $"_sparseBlocks[{Layer.SparseSlot}].Rows";

    /// <summary>An expression for parameter tensor <paramref name="index"/> of the layer.</summary>
    public string Parameter(int index) => Slice(ParameterBuffer, index);

    /// <summary>An expression for the gradient of parameter tensor <paramref name="index"/> of the layer.</summary>
    public string Gradient(int index) => Slice("gradients", index);

    /// <summary>An expression for scratch tensor <paramref name="index"/> of the layer (one sample's worth in Predict).</summary>
    public string Scratch(int index)
    {
        var scratch = Layer.Scratch[index];
        return Context switch
        {
            EmissionContext.Predict => $"scratch.Slice({scratch.PredictOffset}, {scratch.PredictLength})",
            _ when scratch.PerSample => $"workspace.Region({scratch.Offset}, {scratch.Length}, batch)",
            _ => $"workspace.FixedRegion({scratch.Offset}, {scratch.Length})",
        };
    }

    /// <summary>
    /// For a layer that <see cref="LayerKind.AppliesFollowingReLU"/>, the ReLU (and the pooling) its call computes too, with
    /// the spans receiving their outputs; null for the layer alone.
    /// </summary>
    public ReLUEpilogue? Epilogue { get; set; }

    /// <summary>
    /// For a layer whose backward kernel <see cref="LayerKind.BackwardAppliesReLUMask"/>: whether to apply the mask of the
    /// ReLU whose output is <see cref="Input"/>, so that <see cref="InputGradient"/> receives <c>dE/dx</c> of the ReLU's input.
    /// </summary>
    public bool MasksThroughReLU { get; init; }

    /// <summary>
    /// For a convolution that computes the sum after it (<see cref="LayerPlan.PredictSumsInto"/>): the sum and the span of
    /// its other operand, added to each output as it is stored; else null.
    /// </summary>
    public (LayerPlan Sum, string Operand)? Residual { get; set; }

    /// <summary>
    /// In Predict, the zero border of the channels-last image the output is (<see cref="LayerPlan.PredictBorder"/>); -1 where
    /// the output is planes, as it always is in the other passes.
    /// </summary>
    public int ChannelsLastBorder => Context == EmissionContext.Predict ? Layer.PredictBorder : -1;

    /// <summary>The ", split: true" argument of a Predict kernel that shares its rows among threads, else empty.</summary>
    public string SplitArgument => Context == EmissionContext.Predict && Layer.PredictSplits ? ", split: true" : "";

    /// <summary>Whether the output span is the input span (Predict computes element-wise layers in place).</summary>
    public bool InPlace => Input == Output;

    private string Slice(string buffer, int index)
    {
        var tensor = Layer.Parameters[index];
        return $"{buffer}.Slice({tensor.Offset}, {tensor.Length})";
    }
}

/// <summary>
/// The layers a call computes after its own (<see cref="Planning.Step"/>): the ReLU, whose output goes to
/// <see cref="Rectified"/>, and, unless null, the 2×2 max pooling after it, into <see cref="Pooled"/>.
/// </summary>
internal sealed record ReLUEpilogue(LayerPlan Rectifier, string Rectified, LayerPlan? Pooling = null, string? Pooled = null);
