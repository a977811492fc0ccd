using System.Collections.Generic;
using Butterfly.Generator.Diagnostics;
using Butterfly.Generator.Emitting;
using Butterfly.Generator.Model;
using Butterfly.Generator.Planning;
using Microsoft.CodeAnalysis;

namespace Butterfly.Generator.Layers;

/// <summary>A declaration error in a layer's own arguments, with the repair when one is clearly meant.</summary>
internal sealed record LayerError(DiagnosticDescriptor Descriptor, object[] Arguments, ArgumentFix? Fix = null);

/// <summary>
/// A layer's output shape, or why it cannot take its input: a reason for the generic BF0019, or a diagnostic of its
/// own with its message arguments. A shape may come with a <see cref="Warning"/>: the layer compiles, but the
/// declaration probably does not say what was meant (pooling windows that leave the last rows out).
/// </summary>
internal readonly record struct ShapeResult(Shape? Output, string? Problem, LayerError? Error = null)
{
    /// <summary>A warning-severity diagnostic that goes with <see cref="Output"/>, or null.</summary>
    public LayerError? Warning { get; init; }

    public static ShapeResult Of(Shape output) => new(output, null);

    public static ShapeResult Of(Shape output, DiagnosticDescriptor warning, params object[] arguments) =>
        new(output, null) { Warning = new LayerError(warning, arguments) };

    public static ShapeResult Impossible(string problem) => new(null, problem);

    public static ShapeResult Rejected(DiagnosticDescriptor descriptor, params object[] arguments) =>
        new(null, null, new LayerError(descriptor, arguments));

    public static ShapeResult Rejected(LayerError error) => new(null, null, error);
}

/// <summary>
/// Everything the generator knows about one kind of layer: its attribute, its shape rule, its parameters, and
/// the code for its forward rule <c>y = f(x)</c> and its backward rule (the Jacobian-transpose product that
/// turns <c>dE/dy</c> into <c>dE/dx</c>, plus the parameter gradients). Adding a layer kind means adding one
/// subclass and listing it in <see cref="LayerCatalog"/>.
/// </summary>
internal abstract class LayerKind
{
    /// <summary>The attribute's name without "Attribute", used in signatures: <c>Dense</c>.</summary>
    public abstract string Name { get; }

    /// <summary>Lower-case stem of Keras-style layer names: <c>dense</c> gives <c>dense_1</c>.</summary>
    public virtual string Stem => Name.ToLowerInvariant();

    public string AttributeMetadataName => "Butterfly." + Name + "Attribute";

    /// <summary>What the backward rule reads besides <c>dE/dy</c>.</summary>
    public abstract ForwardValues BackwardReads { get; }

    /// <summary>
    /// Whether the layer is a rectifier (ReLU and its smooth or leaky kin): a weighted layer right before one starts He
    /// normal instead of Glorot uniform (<see cref="WeightInitialization"/>).
    /// </summary>
    public virtual bool IsRectifier => false;

    /// <summary>Whether Predict may compute the layer in place, overwriting its input.</summary>
    public virtual bool IsElementwise => false;

    /// <summary>Whether the layer is the plain rectifier, <c>max(0, x)</c>, which other kernels can apply in passing.</summary>
    public virtual bool IsReLU => false;

    /// <summary>Whether the layer is the element-wise sum of its operands, which a convolution can add as it stores.</summary>
    public virtual bool IsSum => false;

    /// <summary>How Predict may keep the layer's images channels-last (<see cref="Planning.ChannelsLastRuns"/>).</summary>
    public virtual ChannelsLastUse ChannelsLast(LayerSpec spec) => ChannelsLastUse.None;

    /// <summary>The zero border of the channels-last image a <see cref="ChannelsLastUse.Writes"/> layer writes: its padding.</summary>
    public virtual int ChannelsLastBorder(LayerSpec spec) => 0;

    /// <summary>
    /// Whether the layer's Predict and batch forward kernels can apply the ReLU that follows as they store, given a
    /// <see cref="LayerEmission.Epilogue"/> (<see cref="Planning.Lowering"/> joins them into one step).
    /// </summary>
    public virtual bool AppliesFollowingReLU(LayerSpec spec) => false;

    /// <summary>
    /// For a layer that <see cref="AppliesFollowingReLU"/>: whether its batch forward call can then leave its own output
    /// unstored, which a training step takes, as backward reads only the rectified output.
    /// </summary>
    public virtual bool RectifyingCallSkipsOwnOutput(LayerSpec spec) => false;

    /// <summary>
    /// For a layer that <see cref="AppliesFollowingReLU"/>: whether its batch forward call can also take the 2×2 stride-2
    /// max pooling of the rectified output (<see cref="IsTwoByTwoMaxPool"/>) as it stores.
    /// </summary>
    public virtual bool PoolsAfterReLU => false;

    /// <summary>Whether the layer is a max pooling over 2×2 windows with stride 2.</summary>
    public virtual bool IsTwoByTwoMaxPool(LayerSpec spec) => false;

    /// <summary>
    /// Whether the layer's backward kernel can also apply the mask of a ReLU before it, <c>dx = [y &gt; 0] ⊙ (own rule)</c>,
    /// given <see cref="LayerEmission.MasksThroughReLU"/>: the two backward rules then run as one call.
    /// </summary>
    public virtual bool BackwardAppliesReLUMask => false;

    /// <summary>
    /// Whether <c>dE/dx</c> of the layer's first operand is its own <c>dE/dy</c> unchanged (a sum's Jacobian is the identity):
    /// the planner then gives that operand's gradient this layer's region (<see cref="Planning.Graph.ShareGradients"/>), and
    /// backward copies nothing for it.
    /// </summary>
    public virtual bool PassesGradientToFirstOperand => false;

    /// <summary>
    /// Whether the layer's backward kernel can add a last share of <c>dE/dy</c> as it reads it
    /// (<see cref="LayerEmission.OutputGradientShare"/>), instead of that share being added in a pass of its own first.
    /// </summary>
    public virtual bool AddsGradientShareInBackward => false;

    /// <summary>The forward rule, for the comment where another layer's call computes this one.</summary>
    public virtual string JoinedFormula(LayerSpec spec) => spec.ToString();

    /// <summary>Whether the layer merges several outputs (<see cref="MergeLayer"/>): its operands are the flow and <see cref="LayerSpec.Merged"/>.</summary>
    public virtual bool IsMerge => false;

    /// <summary>Checks the layer's own argument values, before any shape is known.</summary>
    public virtual IEnumerable<LayerError> CheckArguments(LayerSpec spec) => [];

    /// <summary>
    /// The declaration in its one canonical form, once its arguments are valid (a convolution's <c>Padding.Same</c>
    /// becomes the number of zeros it stands for), so that equal networks have equal signatures.
    /// </summary>
    public virtual LayerSpec Resolve(LayerSpec spec) => spec;

    /// <summary>
    /// An argument that the attribute takes as a settable property rather than a constructor parameter, written as the
    /// declaration sets it (<c>Axis = -1</c>); null for a constructor argument, written in its position.
    /// </summary>
    public virtual string? PropertyArgument(LayerArgument argument) => null;

    /// <summary>The shape rule.</summary>
    public abstract ShapeResult InferShape(Shape input, LayerSpec spec);

    /// <summary>
    /// The shape rule over every operand (one, except for a merge), with the names the operands go by in messages.
    /// </summary>
    public virtual ShapeResult InferShape(IReadOnlyList<Shape> inputs, IReadOnlyList<string> names, LayerSpec spec) => InferShape(inputs[0], spec);

    /// <summary>The parameter tensors (trainable, or state such as running statistics), in buffer order.</summary>
    public virtual IEnumerable<ParameterShape> Parameters(Shape input, Shape output, LayerSpec spec) => [];

    /// <summary>
    /// Workspace the layer needs besides its output, for forward to keep what backward reads or for a kernel's
    /// intermediate results; Predict gets one sample's worth of each, and <see cref="LayerEmission.Scratch"/> names them.
    /// </summary>
    public virtual IEnumerable<ScratchShape> Scratch(Shape input, Shape output, LayerSpec spec) => [];

    /// <summary>
    /// Multiply-adds of one sample's Predict that the layer's kernel can share among threads (a direct convolution splits
    /// its output rows); 0 when it runs on the calling thread only. The planner decides from this which steps split.
    /// </summary>
    public virtual long SplittablePredictWork(Shape input, Shape output, LayerSpec spec) => 0;

    /// <summary>Whether <see cref="EmitPredict"/> uses the scratch (batch normalization's inference needs none).</summary>
    public virtual bool PredictUsesScratch => true;

    /// <summary>Initializes the layer's parameters in the constructor (a <c>random</c> is in scope).</summary>
    public virtual void EmitInitialization(CodeWriter writer, LayerEmission layer)
    {
    }

    /// <summary>
    /// Whether <see cref="EmitPredict"/> computes the layer in int8 from <see cref="LayerEmission.Quantized"/>. Layers
    /// without parameters run in float in an int8 network and need not.
    /// </summary>
    public virtual bool SupportsInt8 => false;

    /// <summary>
    /// One sample forward, from <see cref="LayerEmission.Input"/> to <see cref="LayerEmission.Output"/>, reading
    /// parameters from <see cref="LayerEmission.ParameterBuffer"/> (the instance's or embedded ones) or, in int8 code,
    /// from <see cref="LayerEmission.Quantized"/>.
    /// </summary>
    public abstract void EmitPredict(CodeWriter writer, LayerEmission layer);

    /// <summary>A batch forward (<c>batch</c> is in scope).</summary>
    public abstract void EmitForward(CodeWriter writer, LayerEmission layer);

    /// <summary>
    /// A batch backward: parameter gradients from <see cref="LayerEmission.OutputGradient"/>, and
    /// <see cref="LayerEmission.InputGradient"/> unless the layer is the first.
    /// </summary>
    public abstract void EmitBackward(CodeWriter writer, LayerEmission layer);

    /// <summary>
    /// For a probability output (softmax, log-softmax): how it pairs with cross-entropy, which is then the default loss.
    /// Such a layer must be the last; null for every other layer.
    /// </summary>
    public virtual CrossEntropyPairing? CrossEntropy => null;

    /// <summary>
    /// Whether the layer is an output that owns its loss (the hierarchical softmax): the training step then skips its
    /// forward rule and runs <see cref="EmitLoss"/> and <see cref="EmitLossBackward"/> on the layer below's output instead,
    /// with class labels as targets. It must be the last layer.
    /// </summary>
    public virtual bool OwnsLoss => false;

    /// <summary>
    /// For a layer that <see cref="OwnsLoss"/>: declares <c>float loss</c>, the batch's mean loss on <c>labels</c>, from
    /// <see cref="LayerEmission.Input"/>. It must change neither gradients nor parameters.
    /// </summary>
    public virtual void EmitLoss(CodeWriter writer, LayerEmission layer)
    {
    }

    /// <summary>
    /// For a layer that <see cref="OwnsLoss"/>, after a finite loss: the parameter gradients and <c>dE/dx</c> (into
    /// <see cref="LayerEmission.InputGradient"/> unless the layer is first) of that loss.
    /// </summary>
    public virtual void EmitLossBackward(CodeWriter writer, LayerEmission layer)
    {
    }

    /// <summary>
    /// A parameter tensor whose gradient backward makes non-zero only in the rows it touches (an embedding's used tokens),
    /// which it records in <see cref="LayerEmission.TouchedRows"/>: the tensor's index, its row length and row count.
    /// </summary>
    public virtual SparseTensor? SparseRows(Shape input, Shape output, LayerSpec spec) => null;

    /// <summary>
    /// Members this layer adds to the network class when it is the output layer (a hierarchical softmax's constructor
    /// taking a class tree, its log-probabilities); <see cref="OutputMembers"/> lists them for the clash check.
    /// </summary>
    public virtual void EmitOutputMembers(CodeWriter writer, NetworkPlan plan, string className)
    {
    }

    /// <summary>The members <see cref="EmitOutputMembers"/> writes.</summary>
    public virtual IEnumerable<GeneratedMember> OutputMembers(NetworkPlan plan) => [];
}

/// <summary>
/// How a probability output layer pairs with the cross-entropy loss: the <c>Butterfly.Kernels.Losses</c> method that
/// computes the loss from the layer's outputs and writes the gradient straight onto the layer's input (fusing the layer's
/// Jacobian into it), what the summary calls the output, the formula the training step's comment gives, and the error
/// when the layer is not last.
/// </summary>
internal sealed record CrossEntropyPairing(string Kernel, string Output, string Formula, DiagnosticDescriptor NotLast);

/// <summary>A row-sparse parameter tensor: its index among the layer's tensors, its row length and row count.</summary>
internal readonly record struct SparseTensor(int Tensor, int RowLength, int Rows);
