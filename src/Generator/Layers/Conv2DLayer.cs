using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Butterfly.Generator.Diagnostics;
using Butterfly.Generator.Emitting;
using Butterfly.Generator.Model;
using Butterfly.Generator.Planning;
using Butterfly.Kernels;

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

        if (!Geometry.IsGeneral(spec))
        {
            foreach (var error in CheckSquareSymmetric(spec))
            {
                yield return error;
            }

            yield break;
        }

        bool sizes = true;
        foreach (string name in new[] { "kernelHeight", "kernelWidth", "strideHeight", "strideWidth" })
        {
            double value = spec.Get(name, 1);
            if (value <= 0)
            {
                sizes = false;
                yield return new LayerError(DiagnosticDescriptors.NonPositiveSize, ["Conv2D " + Property(name), value]);
            }
        }

        if (!sizes || spec.Get("kernel") <= 0)
        {
            yield break;
        }

        bool same = spec.Get("padding") == SamePadding;
        int kernel = spec.GetInt32("kernel");
        int kernelHeight = (int)spec.Get("kernelHeight", kernel), kernelWidth = (int)spec.Get("kernelWidth", kernel);
        foreach (var (side, sideName, first, second, pads) in new[]
        {
            (kernelHeight, spec.Has("kernelHeight") ? "KernelHeight" : "the kernel", "padTop", "padBottom", "PadTop, PadBottom"),
            (kernelWidth, spec.Has("kernelWidth") ? "KernelWidth" : "the kernel", "padLeft", "padRight", "PadLeft, PadRight"),
        })
        {
            if (same && side % 2 == 0 && !(spec.Has(first) && spec.Has(second)))
            {
                yield return new LayerError(DiagnosticDescriptors.SamePaddingNeedsOddSide, [sideName, side, side - 1, side + 1, pads]);
            }
        }

        double padding = spec.Get("padding");
        foreach (var (name, side, sideName) in new[]
        {
            ("padTop", kernelHeight, "KernelHeight"), ("padBottom", kernelHeight, "KernelHeight"),
            ("padLeft", kernelWidth, "KernelWidth"), ("padRight", kernelWidth, "KernelWidth"),
        })
        {
            // A side not set takes padding (Padding.Same is checked above); a number must fit this axis's kernel.
            double value = spec.Get(name, same ? 0 : padding);
            if (value < 0 || value >= side)
            {
                string label = spec.Has(name) ? "Conv2D " + Property(name) : $"Conv2D padding (the {Property(name).Substring(3).ToLowerInvariant()} side's)";
                yield return new LayerError(DiagnosticDescriptors.ArgumentOutOfRange, [label, $"from 0 to {sideName} - 1 = {side - 1}", value]);
            }
        }
    }

    /// <summary>The checks of the constructor's square kernel, one stride and one padding, with their fixes.</summary>
    private static IEnumerable<LayerError> CheckSquareSymmetric(LayerSpec spec)
    {
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

    /// <summary>
    /// The spec with its geometry decided: <c>Padding.Same</c> as numbers, and the settable properties either gone (a
    /// square kernel, one stride and one padding, however declared: the constructor's form, with its signature) or all
    /// five that differ from the constructor's arguments present, in one order, so that a signature names one geometry:
    /// <c>Conv2D(F, KH, SH, PT, KernelWidth = KW, StrideWidth = SW, PadLeft = PL, PadBottom = PB, PadRight = PR)</c>.
    /// </summary>
    public override LayerSpec Resolve(LayerSpec spec)
    {
        var g = Geometry.Of(spec);
        LayerArgument[] arguments = g.IsSquareSymmetric
            ? [new("filters", g.Filters), new("kernel", g.KernelHeight), new("stride", g.StrideHeight), new("padding", g.PadTop)]
            : [
                new("filters", g.Filters), new("kernel", g.KernelHeight), new("stride", g.StrideHeight), new("padding", g.PadTop),
                new("kernelWidth", g.KernelWidth), new("strideWidth", g.StrideWidth),
                new("padLeft", g.PadLeft), new("padBottom", g.PadBottom), new("padRight", g.PadRight),
            ];
        return spec with { Arguments = arguments.ToEquatableArray() };
    }

    public override string? PropertyArgument(LayerArgument argument) =>
        Geometry.Properties.Contains(argument.Name) ? Property(argument.Name) + " = " + ((int)argument.Value).ToString(CultureInfo.InvariantCulture) : null;

    /// <summary>The attribute property a spec argument comes from: <c>padTop</c> → <c>PadTop</c>.</summary>
    private static string Property(string argument) => char.ToUpperInvariant(argument[0]) + argument.Substring(1);

    public override ShapeResult InferShape(Shape input, LayerSpec spec)
    {
        var g = Geometry.Of(spec);
        if (ImageInput.Require(input, spec) is { } notImage)
        {
            return notImage;
        }

        if (g.IsSquareSymmetric)
        {
            if (ImageInput.RequireFits(input, spec, g.KernelHeight, g.PadTop, pads: true) is { } rejected)
            {
                return rejected;
            }
        }
        else if (g.KernelHeight > input[1] + g.PadTop + g.PadBottom || g.KernelWidth > input[2] + g.PadLeft + g.PadRight)
        {
            return ShapeResult.Rejected(
                DiagnosticDescriptors.ConvolutionWindowLargerThanInput,
                g.Declaration, g.KernelHeight, g.KernelWidth, input[1], input[2], input[1] + g.PadTop + g.PadBottom, input[2] + g.PadLeft + g.PadRight);
        }

        return ShapeResult.Of(Shape.Of(g.Filters, g.OutputHeight(input[1]), g.OutputWidth(input[2])));
    }

    public override IEnumerable<ParameterShape> Parameters(Shape input, Shape output, LayerSpec spec)
    {
        var geometry = Geometry.Of(spec);
        yield return new ParameterShape("Weights", (long)geometry.Filters * input[0] * geometry.KernelHeight * geometry.KernelWidth, TensorRole.Weight);
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

        long pixels = (long)output[1] * output[2], window = (long)input[0] * geometry.KernelHeight * geometry.KernelWidth;
        yield return new ScratchShape(
            KernelChoice.UnfoldScratchFloats(ChunkSamples(output), pixels, window, geometry.Filters),
            PerSample: false,
            PredictLength: KernelChoice.UnfoldScratchFloats(1, pixels, window, geometry.Filters));
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
        int taps = geometry.KernelHeight * geometry.KernelWidth, fanIn = plan.InputShape[0] * taps, fanOut = geometry.Filters * taps;
        string window = geometry.IsSquareSymmetric ? "K K" : "KH KW";
        WeightInitialization.Emit(
            writer,
            layer,
            fanIn,
            fanOut,
            $"{plan.Name}: He normal before a rectifier, σ = sqrt(2 / (C {window})) = sqrt(2 / {fanIn}); bias 0.",
            $"{plan.Name}: Glorot uniform, a = sqrt(6 / (C {window} + F {window})) = sqrt(6 / ({fanIn} + {fanOut})); bias 0.");
    }

    public override ChannelsLastUse ChannelsLast(LayerSpec spec)
    {
        var geometry = Geometry.Of(spec);
        return KernelChoice.ConvolvesChannelsLast(geometry.ConvolvesDirectly, geometry.Filters) ? ChannelsLastUse.Writes : ChannelsLastUse.None;
    }

    public override int ChannelsLastBorder(LayerSpec spec) => Geometry.Of(spec).Padding;

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
        bool rectify = layer.Epilogue is not null;
        string formula = geometry.Padding > 0
            ? $"y[f, i, j] = b[f] + Σ_c,u,v w[f, c, u, v] x[c, i + u - p, j + v - p]    w: [{geometry.Filters} × {plan.InputShape[0]} × {geometry.Kernel} × {geometry.Kernel}], p = {geometry.Padding},\n"
            : $"y[f, i, j] = b[f] + Σ_c,u,v w[f, c, u, v] x[c, i + u, j + v]    w: [{geometry.Filters} × {plan.InputShape[0]} × {geometry.Kernel} × {geometry.Kernel}],\n";
        string how;
        string call;
        if (plan.PredictChannelsLast)
        {
            bool planes = plan.Source is not { PredictChannelsLast: true };
            how = (planes ? "from x's planes " : "") + $"into a channels-last image with a zero border {geometry.Padding} wide" +
                (planes ? "" : " (x's own border is its padding)") + ", a vector of 16 filters a pixel, each tile's sums in registers";
            call = $"global::Butterfly.Kernels.ChannelsLast.{(planes ? "ConvolvePlanes" : "Convolve")}";
        }
        else
        {
            how = (geometry.Padding > 0 ? "computed directly over a zero-padded copy of x" : "computed directly") +
                ", each tile's sums in registers (DirectConvolution: tiles across filters or along rows)";
            call = "global::Butterfly.Kernels.DirectConvolution.Forward";
        }

        writer.Comment(
            formula + how +
            (layer.Residual is { } residual ? $";\nthen {residual.Sum.Name}'s y + {residual.Operand}, its sum with the other operand" : "") +
            (layer.Epilogue is { } epilogue ? $";\nthen {epilogue.Rectifier.Name}'s max(0, y), applied as each output is stored" : "") +
            (plan.PredictSplits ? ";\nits output rows shared in bands among up to Parallelism.PredictThreadCount threads" : ""));
        writer.Line(
            $"{call}({layer.Input}, {layer.Parameter(0)}, {layer.Parameter(1)}, {layer.Output}, " +
            $"new global::Butterfly.Kernels.ConvolutionShape(channels: {plan.InputShape[0]}, height: {plan.InputShape[1]}, width: {plan.InputShape[2]}, " +
            $"filters: {geometry.Filters}, kernel: {geometry.Kernel}{(geometry.Padding > 0 ? $", padding: {geometry.Padding}" : "")})" +
            $"{(rectify ? ", rectify: true" : "")}{(plan.PredictSplits ? ", split: true" : "")}{(layer.Residual is { } sum ? $", residual: {sum.Operand}" : "")});");
    }

    public override bool AppliesFollowingReLU(LayerSpec spec) => true;

    public override bool PoolsAfterReLU => true;

    /// <summary>The direct kernel computes the rectified outputs from its sums, so its own need not be stored.</summary>
    public override bool RectifyingCallSkipsOwnOutput(LayerSpec spec) => Geometry.Of(spec).ConvolvesDirectly;

    public override string JoinedFormula(LayerSpec spec) => Geometry.Of(spec).Formula;

    public override void EmitForward(CodeWriter writer, LayerEmission layer)
    {
        if (layer.Epilogue is { } epilogue)
        {
            EmitRectifiedForward(writer, layer, epilogue);
            return;
        }

        var plan = layer.Layer;
        var geometry = Geometry.Of(plan.Spec);
        writer.Comment(
            $"{geometry.Formula}    w: [{geometry.Filters} × {plan.InputShape[0]} × {geometry.KernelHeight} × {geometry.KernelWidth}]\n" +
            (geometry.ConvolvesDirectly ? "computed directly, sample by sample" : "as Y = W X̃ on each unfolded sample X̃"));
        writer.Line(
            $"global::Butterfly.Kernels.Convolution.Forward({layer.Input}, {layer.Parameter(0)}, {layer.Parameter(1)}, {layer.Output}, " +
            $"{(geometry.ConvolvesDirectly ? "default" : layer.Scratch(0))}, {layer.Batch}, {ShapeArguments(plan)}, {ChunkSamples(plan.OutputShape)});");
    }

    /// <summary>
    /// The forward call that also computes the ReLU after the convolution and, unless the epilogue has none, the 2×2 max
    /// pooling after that. In a batch forward pass the direct kernel may leave the convolution's own output unstored
    /// (<c>everyOutput</c> false, a training step); in Predict an unfolded convolution rectifies its own output in place.
    /// </summary>
    private static void EmitRectifiedForward(CodeWriter writer, LayerEmission convolution, ReLUEpilogue epilogue)
    {
        var plan = convolution.Layer;
        var geometry = Geometry.Of(plan.Spec);
        string rectified = epilogue.Rectified;
        string layers = epilogue.Pooled is null ? $"{plan.Name} and {epilogue.Rectifier.Name}" : $"{plan.Name}, {epilogue.Rectifier.Name} and {epilogue.Pooling!.Name}";
        bool skips = geometry.ConvolvesDirectly && convolution.Context == EmissionContext.Forward;
        writer.Comment(convolution.Output == rectified
            ? $"{geometry.Formula}    w: [{geometry.Filters} × {plan.InputShape[0]} × {geometry.KernelHeight} × {geometry.KernelWidth}]\n" +
              $"as Y = W X̃ on the unfolded sample X̃; then {epilogue.Rectifier.Name}'s max(0, y), over y in place, in the same call"
            : $"{layers} in one call: {convolution.Output} = conv({convolution.Input}) + b, {rectified} = max(0, {convolution.Output})" +
              (epilogue.Pooled is null ? "" : $", {epilogue.Pooled} = 2×2 max of {rectified}") +
              (geometry.ConvolvesDirectly ? ";\nall stored from each sample's sums, computed directly" : ";\nthe ReLU" + (epilogue.Pooled is null ? "" : " and the pooling") + " after the product"));
        if (skips)
        {
            writer.Comment($"A training step (everyOutput false) leaves {convolution.Output} unstored: backward reads only {rectified}.");
        }

        string output = skips ? $"everyOutput ? {convolution.Output} : default" : convolution.Output;
        writer.Line(
            $"global::Butterfly.Kernels.Convolution.Forward({convolution.Input}, {convolution.Parameter(0)}, {convolution.Parameter(1)}, {output}, " +
            $"{(geometry.ConvolvesDirectly ? "default" : convolution.Scratch(0))}, {convolution.Batch}, {ShapeArguments(plan)}, {ChunkSamples(plan.OutputShape)}, " +
            $"rectified: {rectified}{(epilogue.Pooled is null ? "" : $", pooled: {epilogue.Pooled}")});");
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

    /// <summary>How many samples one unfolded product covers (<see cref="KernelChoice.UnfoldChunkSamples"/>).</summary>
    private static int ChunkSamples(Shape output) => KernelChoice.UnfoldChunkSamples((long)output[1] * output[2]);

    /// <summary>
    /// The kernels' shape arguments: channels, height, width, filters, kernel, stride, padding for a square kernel with
    /// one stride and one padding; otherwise one <c>ConvolutionShape</c> with every side named.
    /// </summary>
    private static string ShapeArguments(LayerPlan plan)
    {
        var g = Geometry.Of(plan.Spec);
        var input = plan.InputShape;
        return g.IsSquareSymmetric
            ? $"{input[0]}, {input[1]}, {input[2]}, {g.Filters}, {g.Kernel}, {g.Stride}, {g.Padding}"
            : $"new global::Butterfly.Kernels.ConvolutionShape(channels: {input[0]}, height: {input[1]}, width: {input[2]}, filters: {g.Filters}, " +
              $"kernelHeight: {g.KernelHeight}, kernelWidth: {g.KernelWidth}, strideHeight: {g.StrideHeight}, strideWidth: {g.StrideWidth}, " +
              $"padTop: {g.PadTop}, padLeft: {g.PadLeft}, padBottom: {g.PadBottom}, padRight: {g.PadRight})";
    }

    /// <summary>
    /// A convolution's geometry from its spec, declared or resolved: the constructor's kernel, stride and padding
    /// (<c>Padding.Same</c> as <c>(side - 1) / 2</c> per axis), each axis or side replaced by its property where set.
    /// </summary>
    private readonly record struct Geometry(
        int Filters, int KernelHeight, int KernelWidth, int StrideHeight, int StrideWidth, int PadTop, int PadLeft, int PadBottom, int PadRight)
    {
        /// <summary>The settable properties' arguments.</summary>
        public static readonly string[] Properties =
            ["kernelHeight", "kernelWidth", "strideHeight", "strideWidth", "padTop", "padLeft", "padBottom", "padRight"];

        /// <summary>Whether the declaration sets any property, beyond the constructor's square kernel, one stride and one padding.</summary>
        public static bool IsGeneral(LayerSpec spec) => Properties.Any(spec.Has);

        public static Geometry Of(LayerSpec spec)
        {
            int kernel = spec.GetInt32("kernel"), stride = spec.GetInt32("stride"), padding = spec.GetInt32("padding");
            int kernelHeight = (int)spec.Get("kernelHeight", kernel), kernelWidth = (int)spec.Get("kernelWidth", kernel);
            int vertical = padding == SamePadding ? (kernelHeight - 1) / 2 : padding, horizontal = padding == SamePadding ? (kernelWidth - 1) / 2 : padding;
            return new(
                spec.GetInt32("filters"), kernelHeight, kernelWidth, (int)spec.Get("strideHeight", stride), (int)spec.Get("strideWidth", stride),
                (int)spec.Get("padTop", vertical), (int)spec.Get("padLeft", horizontal), (int)spec.Get("padBottom", vertical), (int)spec.Get("padRight", horizontal));
        }

        /// <summary>A square kernel, one stride and the same padding on every side: the constructor's form.</summary>
        public bool IsSquareSymmetric =>
            KernelHeight == KernelWidth && StrideHeight == StrideWidth && PadLeft == PadTop && PadBottom == PadTop && PadRight == PadTop;

        /// <summary>The square form's side, stride and padding.</summary>
        public int Kernel => KernelHeight;

        public int Stride => StrideHeight;

        public int Padding => PadTop;

        public int OutputHeight(int height) => ((height + PadTop + PadBottom - KernelHeight) / StrideHeight) + 1;

        public int OutputWidth(int width) => ((width + PadLeft + PadRight - KernelWidth) / StrideWidth) + 1;

        /// <summary>
        /// Whether forward uses <c>DirectConvolution</c> and no scratch: the runtime's own rule, from the shared
        /// <see cref="KernelChoice"/>.
        /// </summary>
        public bool ConvolvesDirectly =>
            KernelChoice.ConvolvesDirectly(KernelHeight, KernelWidth, StrideHeight, StrideWidth, PadTop, PadLeft, PadBottom, PadRight);

        /// <summary>The formula over each kernel call.</summary>
        public string Formula => IsSquareSymmetric
            ? "y[f, i, j] = b[f] + Σ_c,u,v w[f, c, u, v] x[c, i s + u - p, j s + v - p]"
            : "y[f, i, j] = b[f] + Σ_c,u,v w[f, c, u, v] x[c, i SH + u - PT, j SW + v - PL], zero outside x;\n" +
              $"{KernelHeight}×{KernelWidth} window, strides SH = {StrideHeight}, SW = {StrideWidth}, " +
              $"padding PT = {PadTop}, PL = {PadLeft}, PB = {PadBottom}, PR = {PadRight} (top, left, bottom, right)";

        /// <summary>The declaration, with only the properties that differ from the constructor's arguments, for messages.</summary>
        public string Declaration
        {
            get
            {
                var properties = new[] { ("KernelWidth", KernelWidth, KernelHeight), ("StrideWidth", StrideWidth, StrideHeight), ("PadLeft", PadLeft, PadTop), ("PadBottom", PadBottom, PadTop), ("PadRight", PadRight, PadTop) }
                    .Where(p => p.Item2 != p.Item3)
                    .Select(p => $", {p.Item1} = {p.Item2}");
                return $"Conv2D({Filters}, {KernelHeight}, {StrideHeight}, {PadTop}{string.Concat(properties)})";
            }
        }
    }
}
