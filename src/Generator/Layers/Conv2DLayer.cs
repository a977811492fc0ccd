using System.Collections.Generic;
using Butterfly.Generator.Diagnostics;
using Butterfly.Generator.Emitting;
using Butterfly.Generator.Model;
using Butterfly.Generator.Planning;

namespace Butterfly.Generator.Layers;

/// <summary>
/// Convolution with bias, <c>y[f] = b[f] + Σ_c w[f, c] ⋆ x[c]</c>, <c>w</c> of shape [F × C × K × K]. Through the
/// unfolded input <c>X̃[CKK × P]</c> it is the dense rule on matrices: <c>Y = W X̃</c>, backward
/// <c>dW = dY X̃ᵀ</c>, <c>db = Σ_p dY</c>, <c>dX̃ = Wᵀ dY</c> folded back into <c>dx</c>.
/// </summary>
internal sealed class Conv2DLayer : LayerKind
{
    public override string Name => "Conv2D";

    public override ForwardValues BackwardReads => ForwardValues.Input;

    public override IEnumerable<LayerError> CheckArguments(LayerSpec spec)
    {
        foreach (var (name, label) in new[] { ("filters", "Conv2D filters"), ("kernel", "Conv2D kernel"), ("stride", "Conv2D stride") })
        {
            double value = spec.Get(name);
            if (value <= 0)
            {
                yield return new LayerError(DiagnosticDescriptors.NonPositiveSize, [label, value]);
            }
        }

        double padding = spec.Get("padding"), kernel = spec.Get("kernel");
        if (padding == SamePadding)
        {
            if (kernel > 0 && kernel % 2 == 0)
            {
                yield return new LayerError(DiagnosticDescriptors.SamePaddingNeedsOddKernel, [kernel, kernel - 1, kernel + 1]);
            }
        }
        else if (padding < 0 || (kernel > 0 && padding >= kernel))
        {
            // The nearest valid padding: none for a negative one, kernel - 1 (the most that keeps a window on the image) above.
            var nearest = kernel > 0 ? new ArgumentFix("padding", padding < 0 ? 0 : (int)kernel - 1) : null;
            yield return new LayerError(DiagnosticDescriptors.ArgumentOutOfRange, ["Conv2D padding", $"from 0 to kernel - 1 = {kernel - 1}", padding], nearest);
        }
    }

    /// <summary><c>Padding.Same</c>'s value in the attribute: (kernel - 1) / 2 zeros on each side, which keeps the size at stride 1.</summary>
    private const int SamePadding = -1;

    public override LayerSpec Resolve(LayerSpec spec) =>
        spec.GetInt32("padding") == SamePadding ? spec.With("padding", (spec.GetInt32("kernel") - 1) / 2) : spec;

    public override ShapeResult InferShape(Shape input, LayerSpec spec)
    {
        var geometry = Geometry.Of(spec);
        if ((ImageInput.Require(input, spec) ?? ImageInput.RequireFits(input, spec, geometry.Kernel, geometry.Padding, pads: true)) is { } rejected)
        {
            return rejected;
        }

        return ShapeResult.Of(Shape.Of(geometry.Filters, geometry.OutputSize(input[1]), geometry.OutputSize(input[2])));
    }

    public override IEnumerable<ParameterShape> Parameters(Shape input, Shape output, LayerSpec spec)
    {
        var geometry = Geometry.Of(spec);
        yield return new ParameterShape("Weights", (long)geometry.Filters * input[0] * geometry.Kernel * geometry.Kernel, TensorRole.Weight);
        yield return new ParameterShape("Bias", geometry.Filters, TensorRole.Bias);
    }

    public override IEnumerable<ScratchShape> Scratch(Shape input, Shape output, LayerSpec spec)
    {
        // Forward without the direct kernel: a chunk of samples unfolded side by side, X̃[CKK × nP], and its outputs
        // filter by filter, [F × nP] (Predict has one sample). Backward keeps its own per-thread buffers.
        var geometry = Geometry.Of(spec);
        if (geometry.ConvolvesDirectly)
        {
            yield break;
        }

        long pixels = (long)output[1] * output[2], perSample = pixels * (input[0] * geometry.Kernel * geometry.Kernel + geometry.Filters);
        yield return new ScratchShape(ChunkSamples(output) * perSample, PerSample: false, PredictLength: perSample);
    }

    public override long SplittablePredictWork(Shape input, Shape output, LayerSpec spec)
    {
        var geometry = Geometry.Of(spec);
        return geometry.ConvolvesDirectly ? (long)geometry.Filters * input[0] * geometry.Kernel * geometry.Kernel * output[1] * output[2] : 0;
    }

    public override void EmitInitialization(CodeWriter writer, LayerEmission layer)
    {
        var plan = layer.Layer;
        var geometry = Geometry.Of(plan.Spec);
        int fanIn = plan.InputShape[0] * geometry.Kernel * geometry.Kernel, fanOut = geometry.Filters * geometry.Kernel * geometry.Kernel;
        WeightInitialization.Emit(
            writer,
            layer,
            fanIn,
            fanOut,
            $"{plan.Name}: He normal before a rectifier, σ = sqrt(2 / (C K K)) = sqrt(2 / {fanIn}); bias 0.",
            $"{plan.Name}: Glorot uniform, a = sqrt(6 / (C K K + F K K)) = sqrt(6 / ({fanIn} + {fanOut})); bias 0.");
    }

    public override void EmitPredict(CodeWriter writer, LayerEmission layer)
    {
        var plan = layer.Layer;
        var geometry = Geometry.Of(plan.Spec);
        if (!geometry.ConvolvesDirectly)
        {
            EmitForward(writer, layer);
            return;
        }

        // One sample: unfolding and a general product cost more than the arithmetic, so the kernel walks the window.
        bool rectify = RectifiesInPredict(plan);
        writer.Comment(
            (geometry.Padding > 0
                ? $"y[f, i, j] = b[f] + Σ_c,u,v w[f, c, u, v] x[c, i + u - p, j + v - p]    w: [{geometry.Filters} × {plan.InputShape[0]} × {geometry.Kernel} × {geometry.Kernel}], p = {geometry.Padding},\n" +
                  "computed directly over a zero-padded copy of x, eight (AVX2) or sixteen (AVX-512) neighbouring outputs of a row at a time"
                : $"y[f, i, j] = b[f] + Σ_c,u,v w[f, c, u, v] x[c, i + u, j + v]    w: [{geometry.Filters} × {plan.InputShape[0]} × {geometry.Kernel} × {geometry.Kernel}],\n" +
                  "computed directly, eight (AVX2) or sixteen (AVX-512) neighbouring outputs of a row at a time") +
            (rectify ? $";\nthen {plan.Next!.Name}'s max(0, y), applied as each output is stored" : "") +
            (plan.PredictSplits ? ";\nits filters shared, in groups of four, among up to Parallelism.PredictThreadCount threads" : ""));
        writer.Line(
            $"global::Butterfly.Kernels.DirectConvolution.Forward({layer.Input}, {layer.Parameter(0)}, {layer.Parameter(1)}, {layer.Output}, " +
            $"new global::Butterfly.Kernels.ConvolutionShape(channels: {plan.InputShape[0]}, height: {plan.InputShape[1]}, width: {plan.InputShape[2]}, " +
            $"filters: {geometry.Filters}, kernel: {geometry.Kernel}{(geometry.Padding > 0 ? $", padding: {geometry.Padding}" : "")})" +
            $"{(rectify ? ", rectify: true" : "")}{(plan.PredictSplits ? ", split: true" : "")});");
    }

    /// <summary>
    /// Whether Predict's direct convolution also applies the ReLU that follows it, which then emits nothing: the
    /// ReLU works in place there, so only its last-layer form (which writes the caller's output) is left alone.
    /// </summary>
    public static bool RectifiesInPredict(LayerPlan plan) =>
        plan.Kind is Conv2DLayer && Geometry.Of(plan.Spec).ConvolvesDirectly && plan.Next is { Kind: ReLULayer, IsOutput: false };

    /// <summary>
    /// In a batch forward pass, the layer whose call computes this convolution along with its own rule: the ReLU
    /// right after it, or a 2×2 stride-2 max pooling right after that ReLU (the convolution then stores all three
    /// outputs from the same sums); null when no ReLU follows.
    /// </summary>
    public static LayerPlan? ForwardComputedBy(LayerPlan plan) =>
        plan.Kind is not Conv2DLayer || plan.Next is not { Kind: ReLULayer } relu ? null
        : relu.Next is { Kind: MaxPoolLayer } pool && MaxPoolLayer.IsTwoByTwo(pool.Spec) ? pool
        : relu;

    /// <summary>
    /// The batch forward call for <paramref name="convolution"/> and the layers <see cref="ForwardComputedBy"/> joins
    /// to it: the ReLU's output into <paramref name="rectified"/> and, unless null, the pooling's into <paramref name="pooled"/>.
    /// </summary>
    public static void EmitForwardWithReLU(CodeWriter writer, LayerEmission convolution, string rectified, string? pooled)
    {
        var plan = convolution.Layer;
        var geometry = Geometry.Of(plan.Spec);
        string layers = pooled is null ? $"{plan.Name} and {plan.Next!.Name}" : $"{plan.Name}, {plan.Next!.Name} and {plan.Next.Next!.Name}";
        writer.Comment(
            $"{layers} in one call: {convolution.Output} = conv({convolution.Input}) + b, {rectified} = max(0, {convolution.Output})" +
            (pooled is null ? "" : $", {pooled} = 2×2 max of {rectified}") +
            (geometry.ConvolvesDirectly ? ";\nall stored from each sample's sums, computed directly" : ";\nthe ReLU" + (pooled is null ? "" : " and the pooling") + " after the product"));
        if (geometry.ConvolvesDirectly)
        {
            writer.Comment($"A training step (everyOutput false) leaves {convolution.Output} unstored: backward reads only {rectified}.");
        }

        string output = geometry.ConvolvesDirectly ? $"everyOutput ? {convolution.Output} : default" : convolution.Output;
        writer.Line(
            $"global::Butterfly.Kernels.Convolution.Forward({convolution.Input}, {convolution.Parameter(0)}, {convolution.Parameter(1)}, {output}, " +
            $"{(geometry.ConvolvesDirectly ? "default" : convolution.Scratch(0))}, {convolution.Batch}, {ShapeArguments(plan)}, {ChunkSamples(plan.OutputShape)}, " +
            $"rectified: {rectified}{(pooled is null ? "" : $", pooled: {pooled}")});");
    }

    public override void EmitForward(CodeWriter writer, LayerEmission layer)
    {
        if (layer.Context == EmissionContext.Forward && ForwardComputedBy(layer.Layer) is { } end)
        {
            writer.Comment($"y[f, i, j] = b[f] + Σ_c,u,v w[f, c, u, v] x[c, i s + u - p, j s + v - p]: computed by {end.Name}'s call below");
            return;
        }

        EmitOwnForward(writer, layer);
    }

    /// <summary>
    /// Whether a training step's forward pass may leave this convolution's own output unstored: the direct kernel then
    /// stores only the ReLU after it (and the pooling after that), which is all that backward reads.
    /// </summary>
    public static bool StepSkipsOutput(LayerPlan plan) => ForwardComputedBy(plan) is not null && Geometry.Of(plan.Spec).ConvolvesDirectly;

    /// <summary>The batch forward call for this convolution alone, into its own output.</summary>
    public static void EmitOwnForward(CodeWriter writer, LayerEmission layer)
    {
        var plan = layer.Layer;
        var geometry = Geometry.Of(plan.Spec);
        writer.Comment(
            $"y[f, i, j] = b[f] + Σ_c,u,v w[f, c, u, v] x[c, i s + u - p, j s + v - p]    w: [{geometry.Filters} × {plan.InputShape[0]} × {geometry.Kernel} × {geometry.Kernel}]\n" +
            (geometry.ConvolvesDirectly ? "computed directly, sample by sample" : "as Y = W X̃ on each unfolded sample X̃"));
        writer.Line(
            $"global::Butterfly.Kernels.Convolution.Forward({layer.Input}, {layer.Parameter(0)}, {layer.Parameter(1)}, {layer.Output}, " +
            $"{(geometry.ConvolvesDirectly ? "default" : layer.Scratch(0))}, {layer.Batch}, {ShapeArguments(plan)}, {ChunkSamples(plan.OutputShape)});");
    }

    public override void EmitBackward(CodeWriter writer, LayerEmission layer)
    {
        var plan = layer.Layer;
        writer.Comment(layer.InputGradient is null
            ? "dW = Σ_batch dY X̃ᵀ, db = Σ_batch,p dY; first layer, so no dX"
            : "dW = Σ_batch dY X̃ᵀ, db = Σ_batch,p dY, dx = fold(Wᵀ dY): forward's W X̃, mirrored");
        writer.Line(
            $"global::Butterfly.Kernels.Convolution.Backward({layer.Input}, {layer.Parameter(0)}, {layer.OutputGradient}, {layer.Gradient(0)}, {layer.Gradient(1)}, " +
            $"{layer.InputGradient ?? "default"}, batch, {ShapeArguments(plan)});");
    }

    /// <summary>
    /// How many samples one product covers: enough that a row of the products holds about 2048 columns, so that a late
    /// layer with few output pixels still makes long rows; at most 64.
    /// </summary>
    private static int ChunkSamples(Shape output)
    {
        long pixels = (long)output[1] * output[2];
        return (int)System.Math.Max(1, System.Math.Min(64, (2048 + pixels - 1) / pixels));
    }

    /// <summary>channels, height, width, filters, kernel, stride, padding: the kernels' shape arguments.</summary>
    private static string ShapeArguments(LayerPlan plan)
    {
        var geometry = Geometry.Of(plan.Spec);
        return $"{plan.InputShape[0]}, {plan.InputShape[1]}, {plan.InputShape[2]}, {geometry.Filters}, {geometry.Kernel}, {geometry.Stride}, {geometry.Padding}";
    }

    private readonly record struct Geometry(int Filters, int Kernel, int Stride, int Padding)
    {
        public static Geometry Of(LayerSpec spec) =>
            new(spec.GetInt32("filters"), spec.GetInt32("kernel"), spec.GetInt32("stride"), spec.GetInt32("padding"));

        public int OutputSize(int size) => (size + 2 * Padding - Kernel) / Stride + 1;

        /// <summary>Whether forward uses <c>DirectConvolution</c>, which takes stride 1 (padding over a zero-padded copy it keeps), and no scratch.</summary>
        public bool ConvolvesDirectly => Stride == 1;
    }
}
