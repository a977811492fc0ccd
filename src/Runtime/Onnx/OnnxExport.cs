using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Butterfly.Onnx;

namespace Butterfly;

/// <summary>
/// Writes a network, with its trained weights as initializers, as an ONNX model (opset 17, IR version 8; opset 20, IR
/// version 9, when it has a <see cref="GELUAttribute"/> layer, for <c>Gelu</c> in either form), which
/// ONNX Runtime and other ONNX tools run. Input <c>input</c> and output <c>output</c> have the network's per-sample shapes
/// after a batch dimension <c>N</c>; a network of token ids takes int32 ids.
/// </summary>
/// <remarks>
/// Layer by layer: Dense is <c>Gemm</c> (after <c>Flatten</c> for a higher-rank input), Conv2D <c>Conv</c>, MaxPool and
/// AvgPool <c>MaxPool</c> and <c>AveragePool</c>, GlobalAvgPool <c>GlobalAveragePool</c> then <c>Flatten</c>, Flatten
/// <c>Flatten</c>, the activations <c>Sigmoid</c>, <c>Tanh</c>, <c>Relu</c>, <c>LeakyRelu</c>, <c>Elu</c> and <c>Gelu</c> (either
/// form), Clamp <c>Clip</c> (an open side left out), LayerNorm <c>LayerNormalization</c>,
/// Softmax <c>Softmax</c> and LogSoftmax <c>LogSoftmax</c> (over the whole sample, flattened and reshaped back for a
/// higher-rank one), BatchNorm
/// <c>BatchNormalization</c> in its inference form with the running statistics, LocalResponseNormalization <c>LRN</c>
/// (the same formula for the odd sizes Butterfly allows), Add and Multiply chains of <c>Add</c> and <c>Mul</c>, Concat
/// <c>Concat</c> along channels, Embedding <c>Gather</c>; Dropout, an identity in inference, is left out.
/// LocalContrastNormalization and HierarchicalSoftmax, which ONNX has no operator for, become subgraphs of standard
/// operators. A layer kind the exporter does not know is refused with <see cref="NotSupportedException"/>.
/// </remarks>
public static class OnnxExport
{
    /// <summary>The opset of models without GELU, and its IR version (ONNX 1.12).</summary>
    private const int BaseOpset = 17, BaseIrVersion = 8;

    /// <summary>The first opset with <c>Gelu</c>, and its IR version (ONNX 1.15).</summary>
    private const int GeluOpset = 20, GeluIrVersion = 9;

    private const string InputName = "input", OutputName = "output";

    /// <summary>
    /// Writes <paramref name="network"/> to <paramref name="path"/> as an ONNX model. The whole model is encoded first, then
    /// written beside the target under a temporary name and renamed over it, so a failed export leaves any old file intact.
    /// </summary>
    /// <exception cref="NotSupportedException">A layer has no ONNX equivalent; the message names it and says why. Nothing is written.</exception>
    public static void Save(INetwork network, string path)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        AtomicFile.Write(path, Encode(network));
    }

    /// <summary>The ONNX model of <paramref name="network"/>, as <see cref="Save"/> writes it.</summary>
    /// <exception cref="NotSupportedException">A layer has no ONNX equivalent; the message names it and says why.</exception>
    public static byte[] Encode(INetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        var structure = network.Structure;
        var blocks = network.ParameterBlocks.ToArray();
        var parameters = network.Parameters;
        var graph = new OnnxGraphWriter();
        var tensors = new string[structure.Layers.Count];
        bool gelu = false;
        for (int i = 0; i < structure.Layers.Count; i++)
        {
            var layer = structure.Layers[i];
            var operands = layer.Sources.Select(s => s < 0 ? InputName : tensors[s]).ToArray();
            var weights = new LayerWeights(layer, blocks, parameters);
            string output = i == structure.Layers.Count - 1 ? OutputName : layer.Name;
            gelu |= layer.Kind == "GELU";
            tensors[i] = Layer(graph, layer, operands, weights, output);
        }

        // A last layer left out (Dropout) still needs a node that produces the output.
        if (tensors[^1] != OutputName)
        {
            graph.Node("Identity", OutputName, [tensors[^1]], OutputName);
        }

        string version = typeof(OnnxExport).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
        return graph.Model(
            network.GetType().Name,
            network.Signature,
            (InputName, structure.TakesTokens ? TensorDataType.Int32 : TensorDataType.Float, structure.InputShape),
            (OutputName, structure.Output.OutputShape),
            gelu ? GeluOpset : BaseOpset,
            gelu ? GeluIrVersion : BaseIrVersion,
            version);
    }

    /// <summary>Adds the nodes of one layer reading <paramref name="x"/>; returns the tensor that holds its output.</summary>
    private static string Layer(OnnxGraphWriter graph, LayerStructure layer, string[] x, LayerWeights weights, string y)
    {
        string name = layer.Name;
        var input = layer.InputShape;
        switch (layer.Kind)
        {
            case "Dense":
            {
                int units = layer.OutputShape[0], inputs = Length(input);
                string flat = input.Count > 1 ? graph.Node("Flatten", name + "/flatten", [x[0]], name + "/flat", OnnxAttribute.Int("axis", 1)) : x[0];
                string w = graph.Initializer(name + ".weights", weights.Get(0, units * inputs), units, inputs);
                string b = graph.Initializer(name + ".bias", weights.Get(1, units), units);
                return graph.Node("Gemm", name, [flat, w, b], y, OnnxAttribute.Int("transB", 1));
            }

            case "Conv2D":
            {
                // The constructor's kernel, stride and padding, each axis or side replaced by the property the generator
                // wrote where the geometry is rectangular or asymmetric. ONNX's pads are (top, left, bottom, right).
                int filters = (int)layer.Argument("filters"), kernel = (int)layer.Argument("kernel");
                int stride = (int)layer.Argument("stride"), padding = (int)layer.Argument("padding"), channels = input[0];
                int kernelWidth = (int)layer.Argument("kernelWidth", kernel), strideWidth = (int)layer.Argument("strideWidth", stride);
                string w = graph.Initializer(name + ".weights", weights.Get(0, filters * channels * kernel * kernelWidth), filters, channels, kernel, kernelWidth);
                string b = graph.Initializer(name + ".bias", weights.Get(1, filters), filters);
                return graph.Node(
                    "Conv", name, [x[0], w, b], y,
                    OnnxAttribute.Ints("kernel_shape", kernel, kernelWidth),
                    OnnxAttribute.Ints("strides", stride, strideWidth),
                    OnnxAttribute.Ints(
                        "pads",
                        padding,
                        (int)layer.Argument("padLeft", padding),
                        (int)layer.Argument("padBottom", padding),
                        (int)layer.Argument("padRight", padding)));
            }

            case "MaxPool" or "AvgPool":
            {
                int size = (int)layer.Argument("size"), stride = (int)layer.Argument("stride", size);
                return graph.Node(
                    layer.Kind == "MaxPool" ? "MaxPool" : "AveragePool", name, [x[0]], y,
                    OnnxAttribute.Ints("kernel_shape", size, size), OnnxAttribute.Ints("strides", stride, stride));
            }

            case "GlobalAvgPool":
            {
                // GlobalAveragePool keeps (N, C, 1, 1); Butterfly's output is (C).
                string pooled = graph.Node("GlobalAveragePool", name, [x[0]], name + "/pooled");
                return graph.Node("Flatten", name + "/flatten", [pooled], y, OnnxAttribute.Int("axis", 1));
            }

            case "Flatten":
                return graph.Node("Flatten", name, [x[0]], y, OnnxAttribute.Int("axis", 1));
            case "Sigmoid":
                return graph.Node("Sigmoid", name, [x[0]], y);
            case "Tanh":
                return graph.Node("Tanh", name, [x[0]], y);
            case "ReLU":
                return graph.Node("Relu", name, [x[0]], y);
            case "LeakyReLU":
                return graph.Node("LeakyRelu", name, [x[0]], y, OnnxAttribute.Float("alpha", (float)layer.Argument("slope")));
            case "ELU":
                return graph.Node("Elu", name, [x[0]], y, OnnxAttribute.Float("alpha", (float)layer.Argument("alpha")));
            case "GELU":
                // [GELU] is the tanh approximation, 0.5 x (1 + tanh(sqrt(2/π) (x + 0.044715 x³))); [GELU(Exact = true)]
                // is x Φ(x), Gelu's default (approximate = "none").
                return layer.Argument("exact", 0) != 0
                    ? graph.Node("Gelu", name, [x[0]], y)
                    : graph.Node("Gelu", name, [x[0]], y, OnnxAttribute.String("approximate", "tanh"));
            case "Clamp":
            {
                // Clip's bounds are optional scalar inputs (opset 11 on): an open side is the empty name, "no input".
                double min = layer.Argument("min"), max = layer.Argument("max");
                string low = double.IsNegativeInfinity(min) ? "" : graph.Initializer(name + ".min", [(float)min]);
                string high = double.IsPositiveInfinity(max) ? "" : graph.Initializer(name + ".max", [(float)max]);
                return graph.Node("Clip", name, [x[0], low, high], y);
            }

            case "LayerNorm":
            {
                // LayerNormalization normalizes the dimensions from axis to the last: Butterfly's per-sample axis, after
                // the batch dimension. Scale and bias have those dimensions' shape.
                int axis = (int)layer.Argument("axis");
                int first = axis < 0 ? axis + input.Count : axis;
                var normalized = input.Skip(first).Select(d => (long)d).ToArray();
                int width = Length(input.Skip(first).ToArray());
                return graph.Node(
                    "LayerNormalization", name,
                    [x[0], graph.Initializer(name + ".gamma", weights.Get(0, width), normalized), graph.Initializer(name + ".beta", weights.Get(1, width), normalized)],
                    y,
                    OnnxAttribute.Int("axis", first + 1),
                    OnnxAttribute.Float("epsilon", (float)layer.Argument("epsilon")));
            }

            case "Softmax" or "LogSoftmax":
                return Softmax(graph, layer.Kind, name, x[0], input, y);
            case "Dropout":
                // Inverted dropout is the identity in inference: the next layer reads the input directly.
                return x[0];
            case "BatchNorm":
            {
                int channels = input[0];
                return graph.Node(
                    "BatchNormalization", name,
                    [
                        x[0],
                        graph.Initializer(name + ".gamma", weights.Get(0, channels), channels),
                        graph.Initializer(name + ".beta", weights.Get(1, channels), channels),
                        graph.Initializer(name + ".running_mean", weights.Get(2, channels), channels),
                        graph.Initializer(name + ".running_variance", weights.Get(3, channels), channels),
                    ],
                    y,
                    OnnxAttribute.Float("epsilon", (float)layer.Argument("epsilon")));
            }

            case "LocalResponseNormalization":
                // ONNX's LRN sums squares over channels c - floor((size-1)/2) .. c + ceil((size-1)/2) and divides by
                // (bias + alpha/size Σ)^beta: Butterfly's formula, since its size is odd.
                return graph.Node(
                    "LRN", name, [x[0]], y,
                    OnnxAttribute.Int("size", (long)layer.Argument("size")),
                    OnnxAttribute.Float("alpha", (float)layer.Argument("alpha")),
                    OnnxAttribute.Float("beta", (float)layer.Argument("beta")),
                    OnnxAttribute.Float("bias", (float)layer.Argument("k")));
            case "Add" or "Multiply":
            {
                // ONNX's Add and Mul take two operands: a chain over the merged outputs, in operand order.
                string op = layer.Kind == "Add" ? "Add" : "Mul";
                string sum = x[0];
                for (int k = 1; k < x.Length; k++)
                {
                    sum = graph.Node(op, k == x.Length - 1 ? name : name + "/" + k, [sum, x[k]], k == x.Length - 1 ? y : name + "/" + k);
                }

                return sum;
            }

            case "Concat":
                return graph.Node("Concat", name, x, y, OnnxAttribute.Int("axis", 1));
            case "Embedding":
            {
                // Gather(table [V, d], ids [N, n]) = [N, n, d], row ids[i] of the table for each id.
                int vocabulary = (int)layer.Argument("vocabulary"), dimensions = (int)layer.Argument("dimensions");
                string table = graph.Initializer(name + ".table", weights.Get(0, vocabulary * dimensions), vocabulary, dimensions);
                return graph.Node("Gather", name, [table, x[0]], y, OnnxAttribute.Int("axis", 0));
            }

            case "LocalContrastNormalization":
                return LocalContrastNormalization(graph, layer, x[0], y);
            case "HierarchicalSoftmax":
                return HierarchicalSoftmax(graph, layer, x[0], weights, y);
            default:
                throw Refused(layer, "the exporter does not know this layer kind");
        }
    }

    /// <summary>
    /// Softmax or log-softmax (<paramref name="opType"/>, the layer kind's name as ONNX's operator's) over the whole
    /// sample: ONNX's (opset 13 on) normalizes one axis, so a higher-rank sample is flattened to <c>(N, L)</c>, normalized
    /// along axis 1 and reshaped back.
    /// </summary>
    private static string Softmax(OnnxGraphWriter graph, string opType, string name, string x, IReadOnlyList<int> shape, string y)
    {
        if (shape.Count == 1)
        {
            return graph.Node(opType, name, [x], y, OnnxAttribute.Int("axis", 1));
        }

        string flat = graph.Node("Flatten", name + "/flatten", [x], name + "/flat", OnnxAttribute.Int("axis", 1));
        string normalized = graph.Node(opType, name, [flat], name + "/normalized", OnnxAttribute.Int("axis", 1));
        string target = graph.Int64Initializer(name + "/shape", [-1, .. shape.Select(d => (long)d)], shape.Count + 1);
        return graph.Node("Reshape", name + "/reshape", [normalized, target], y);
    }

    /// <summary>
    /// Local contrast normalization as standard operators. The Gaussian window sum over every channel, divided by C, is a
    /// convolution to one channel whose kernel is <c>g_p g_q / C</c> for every input channel, with zeros outside the image
    /// as Butterfly's window has: <c>m = Conv(x)</c>, <c>v = x - m</c>, <c>σ = sqrt(max(0, Conv(v²)))</c>,
    /// <c>d = max(mean σ, σ, ε)</c> (the mean over the image by <c>GlobalAveragePool</c>), <c>y = v / d</c>.
    /// </summary>
    private static string LocalContrastNormalization(OnnxGraphWriter graph, LayerStructure layer, string x, string y)
    {
        string name = layer.Name;
        int size = (int)layer.Argument("size"), channels = layer.InputShape[0], half = size / 2;
        var gaussian = new float[size];
        Kernels.LocalContrastNormalization.Gaussian(gaussian);
        var window = new float[channels * size * size];
        for (int c = 0; c < channels; c++)
        {
            for (int p = 0; p < size; p++)
            {
                for (int q = 0; q < size; q++)
                {
                    window[(c * size + p) * size + q] = gaussian[p] * gaussian[q] / channels;
                }
            }
        }

        string kernel = graph.Initializer(name + ".window", window, 1, channels, size, size);
        var convolution = new[] { OnnxAttribute.Ints("kernel_shape", size, size), OnnxAttribute.Ints("pads", half, half, half, half) };
        string mean = graph.Node("Conv", name + "/local_mean", [x, kernel], name + "/local_mean", convolution);
        string centered = graph.Node("Sub", name + "/centered", [x, mean], name + "/centered");
        string squared = graph.Node("Mul", name + "/squared", [centered, centered], name + "/squared");
        string variance = graph.Node("Conv", name + "/local_variance", [squared, kernel], name + "/local_variance", convolution);
        string clamped = graph.Node("Relu", name + "/clamped", [variance], name + "/clamped");
        string deviation = graph.Node("Sqrt", name + "/deviation", [clamped], name + "/deviation");
        string meanDeviation = graph.Node("GlobalAveragePool", name + "/mean_deviation", [deviation], name + "/mean_deviation");
        string epsilon = graph.Initializer(name + ".epsilon", [Kernels.LocalContrastNormalization.Epsilon], 1);
        string divisor = graph.Node("Max", name + "/divisor", [deviation, meanDeviation, epsilon], name + "/divisor");
        return graph.Node("Div", name, [centered, divisor], y);
    }

    /// <summary>
    /// The hierarchical softmax's distribution as standard operators, in <c>O(K × depth)</c> constants: the inner nodes'
    /// scores <c>s = W h + b</c> (<c>Gemm</c>), the table <c>L = [log σ(s), log σ(-s)]</c>, and for each class the sum of
    /// <c>L</c> along its path (<c>Gather</c> of a <c>[K, depth]</c> index table, <c>Where</c> to zero the slots past a short
    /// path, <c>ReduceSum</c>), then <c>P = exp</c> of it: <c>P(c) = Π_{n on c's path} σ(±s_n)</c>, as Predict computes it.
    /// </summary>
    private static string HierarchicalSoftmax(OnnxGraphWriter graph, LayerStructure layer, string x, LayerWeights weights, string y)
    {
        string name = layer.Name;
        int classes = layer.OutputShape[0], inner = classes - 1, hidden = Length(layer.InputShape);
        var tree = ClassTree.FromBlock(weights.Get(2, 2 * inner), classes);
        int depth = Enumerable.Range(0, classes).Max(tree.Depth);
        var indices = new long[classes * depth];
        var onPath = new bool[classes * depth];
        for (int c = 0; c < classes; c++)
        {
            var path = tree.Path(c);
            for (int k = 0; k < path.Count; k++)
            {
                // Column n of L is log σ(s_n), column inner + n is log σ(-s_n).
                indices[c * depth + k] = path[k].InnerNode + (path[k].Right ? inner : 0);
                onPath[c * depth + k] = true;
            }
        }

        string flat = layer.InputShape.Count > 1 ? graph.Node("Flatten", name + "/flatten", [x], name + "/flat", OnnxAttribute.Int("axis", 1)) : x;
        string w = graph.Initializer(name + ".weights", weights.Get(0, inner * hidden), inner, hidden);
        string b = graph.Initializer(name + ".bias", weights.Get(1, inner), inner);
        string scores = graph.Node("Gemm", name + "/scores", [flat, w, b], name + "/scores", OnnxAttribute.Int("transB", 1));
        string negated = graph.Node("Neg", name + "/negated", [scores], name + "/negated");
        string left = graph.Node("Log", name + "/log_left", [graph.Node("Sigmoid", name + "/left", [scores], name + "/left")], name + "/log_left");
        string right = graph.Node("Log", name + "/log_right", [graph.Node("Sigmoid", name + "/right", [negated], name + "/right")], name + "/log_right");
        string table = graph.Node("Concat", name + "/branches", [left, right], name + "/branches", OnnxAttribute.Int("axis", 1));
        string paths = graph.Node(
            "Gather", name + "/paths", [table, graph.Int64Initializer(name + ".paths", indices, classes, depth)], name + "/paths", OnnxAttribute.Int("axis", 1));
        string zero = graph.Initializer(name + ".zero", [0f], 1);
        string masked = graph.Node("Where", name + "/on_path", [graph.BoolInitializer(name + ".on_path", onPath, classes, depth), paths, zero], name + "/on_path");
        string axis = graph.Int64Initializer(name + ".path_axis", [2], 1);
        string logProbability = graph.Node("ReduceSum", name + "/log_probability", [masked, axis], name + "/log_probability", OnnxAttribute.Int("keepdims", 0));
        return graph.Node("Exp", name, [logProbability], y);
    }

    private static int Length(IReadOnlyList<int> shape) => shape.Aggregate(1, (product, d) => checked(product * d));

    private static NotSupportedException Refused(LayerStructure layer, string why) =>
        new($"Layer {layer.Name} ({layer.Kind}) cannot be exported to ONNX: {why}.");

    /// <summary>A layer's parameter tensors, checked against the sizes ONNX's operator needs.</summary>
    private readonly ref struct LayerWeights(LayerStructure layer, ParameterBlock[] blocks, ReadOnlySpan<float> parameters)
    {
        private readonly ReadOnlySpan<float> _parameters = parameters;

        /// <summary>The layer's tensor <paramref name="index"/>, which must hold <paramref name="length"/> floats.</summary>
        public ReadOnlySpan<float> Get(int index, int length)
        {
            if (index >= layer.BlockCount || blocks[layer.FirstBlock + index].Length != length)
            {
                throw new InvalidOperationException(
                    $"Layer {layer.Name} ({layer.Kind}): its parameter tensor {index} does not hold the {length} floats its shapes give; the network's structure and parameter blocks disagree.");
            }

            var block = blocks[layer.FirstBlock + index];
            return _parameters.Slice(block.Offset, block.Length);
        }
    }
}
