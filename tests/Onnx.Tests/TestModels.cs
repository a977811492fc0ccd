using System;
using System.Collections.Generic;
using System.Linq;
using Onnx;
using static Butterfly.Bench.Workloads.OnnxGraph;

namespace Butterfly.Onnx.Tests;

/// <summary>
/// The ONNX models the imported networks of <see cref="ImportedNetworks"/> compile, built here with OnnxSharp and committed
/// under Models/ (a build imports files, so they must exist before it; <see cref="ModelFileTests"/> keeps the two equal).
/// Their shapes follow what the exporters write: PyTorch's MatMul + Add, Flatten, Gemm with transB and BatchNormalization
/// after Conv; tf2onnx's NHWC input transposed to NCHW and back before a Reshape; Keras-style residual graphs.
/// Weights are seeded random values.
/// </summary>
internal static class TestModels
{
    public static IReadOnlyDictionary<string, Func<byte[]>> All { get; } = new Dictionary<string, Func<byte[]>>
    {
        ["mlp.onnx"] = Mlp,
        ["pytorch-mlp.onnx"] = PyTorchMlp,
        ["pytorch-cnn.onnx"] = PyTorchCnn,
        ["tf2onnx-cnn.onnx"] = Tf2OnnxCnn,
        ["residual.onnx"] = Residual,
        ["onnx-layers.onnx"] = OnnxLayers,
        ["pytorch-layernorm.onnx"] = PyTorchLayerNorm,
        ["pytorch-logsoftmax.onnx"] = PyTorchLogSoftmax,
        ["logsoftmax-mlp.onnx"] = LogSoftmaxMlp,
        ["conv-geometry.onnx"] = ConvGeometry,
        ["transposed-activation.onnx"] = TransposedActivation,
    };

    /// <summary>
    /// Convolutions beyond the square kernel, opset 17: a 3×5 kernel with strides (2, 1) and pads [0, 1, 2, 1] → Relu →
    /// a 3×3 kernel at stride 2 with auto_pad SAME_UPPER (one zero row and column at the end: 6×8 → 3×4) → Tanh → a 2×2
    /// kernel with auto_pad SAME_LOWER (the zero at the start), without bias → Flatten → Gemm.
    /// </summary>
    private static byte[] ConvGeometry()
    {
        var random = new Random(9);
        var graph = new GraphProto { Name = "conv-geometry" };
        graph.Input.Add(Value("x", 1, 2, 11, 10));
        graph.Output.Add(Value("y", 1, 5));
        graph.Initializer.Add(Random(random, "c1.w", 4, 2, 3, 5));
        graph.Initializer.Add(Random(random, "c1.b", 4));
        graph.Initializer.Add(Random(random, "c2.w", 4, 4, 3, 3));
        graph.Initializer.Add(Random(random, "c2.b", 4));
        graph.Initializer.Add(Random(random, "c3.w", 3, 4, 2, 2));
        graph.Initializer.Add(Random(random, "fc.w", 5, 36));
        graph.Initializer.Add(Random(random, "fc.b", 5));
        graph.Node.Add(Named(Node("Conv", ["x", "c1.w", "c1.b"], "z1", Ints("kernel_shape", 3, 5), Ints("strides", 2, 1), Ints("pads", 0, 1, 2, 1)), "Conv_0"));
        graph.Node.Add(Named(Node("Relu", ["z1"], "h1"), "Relu_1"));
        graph.Node.Add(Named(Node("Conv", ["h1", "c2.w", "c2.b"], "z2", Ints("kernel_shape", 3, 3), Ints("strides", 2, 2), Text("auto_pad", "SAME_UPPER")), "Conv_2"));
        graph.Node.Add(Named(Node("Tanh", ["z2"], "h2"), "Tanh_3"));
        graph.Node.Add(Named(Node("Conv", ["h2", "c3.w"], "z3", Ints("kernel_shape", 2, 2), Text("auto_pad", "SAME_LOWER")), "Conv_4"));
        graph.Node.Add(Named(Node("Flatten", ["z3"], "flat", Int("axis", 1)), "Flatten_5"));
        graph.Node.Add(Named(Node("Gemm", ["flat", "fc.w", "fc.b"], "y", Int("transB", 1)), "Gemm_6"));
        return Model(graph);
    }

    /// <summary>
    /// A transpose of a hidden tensor, not the input, with activations after it, as tf2onnx writes Keras's channels-last
    /// tail: Sigmoid, Transpose NCHW to NHWC, Relu, LeakyRelu, Reshape to [N, 24], MatMul + Add. The activations compute in
    /// the stored order and the dense layer absorbs the transpose.
    /// </summary>
    private static byte[] TransposedActivation()
    {
        var random = new Random(10);
        var graph = new GraphProto { Name = "transposed-activation" };
        graph.Input.Add(Value("x", 1, 2, 3, 4));
        graph.Output.Add(Value("y", 1, 5));
        graph.Initializer.Add(Int64s("shape", [-1, 24]));
        graph.Initializer.Add(Random(random, "w", 24, 5));
        graph.Initializer.Add(Random(random, "b", 5));
        graph.Node.Add(Node("Sigmoid", ["x"], "s"));
        graph.Node.Add(Node("Transpose", ["s"], "nhwc", Ints("perm", 0, 2, 3, 1)));
        graph.Node.Add(Node("Relu", ["nhwc"], "r"));
        graph.Node.Add(Node("LeakyRelu", ["r"], "l", Float("alpha", 0.3f)));
        graph.Node.Add(Node("Reshape", ["l", "shape"], "flat"));
        graph.Node.Add(Node("MatMul", ["flat", "w"], "m"));
        graph.Node.Add(Node("Add", ["m", "b"], "y"));
        return Model(graph);
    }

    /// <summary>
    /// As torch.onnx.export writes a classifier ending in nn.LogSoftmax(dim=1) at opset 11, where LogSoftmax coerces its
    /// input to 2-D at the axis: Gemm, Tanh, Gemm, a Reshape to [N, 2, 3], LogSoftmax over axis 1 (all six values).
    /// </summary>
    private static byte[] PyTorchLogSoftmax()
    {
        var random = new Random(8);
        var graph = new GraphProto { Name = "torch-jit-export" };
        graph.Input.Add(Value("input", 1, 10));
        graph.Output.Add(Value("output", 1, 2, 3));
        graph.Initializer.Add(Random(random, "fc1.weight", 8, 10));
        graph.Initializer.Add(Random(random, "fc1.bias", 8));
        graph.Initializer.Add(Random(random, "fc2.weight", 6, 8));
        graph.Initializer.Add(Random(random, "fc2.bias", 6));
        graph.Initializer.Add(Int64s("shape", [-1, 2, 3]));
        graph.Node.Add(Named(Node("Gemm", ["input", "fc1.weight", "fc1.bias"], "h1", Int("transB", 1)), "Gemm_0"));
        graph.Node.Add(Named(Node("Tanh", ["h1"], "t1"), "Tanh_1"));
        graph.Node.Add(Named(Node("Gemm", ["t1", "fc2.weight", "fc2.bias"], "h2", Int("transB", 1)), "Gemm_2"));
        graph.Node.Add(Named(Node("Reshape", ["h2", "shape"], "grid"), "Reshape_3"));
        graph.Node.Add(Named(Node("LogSoftmax", ["grid"], "output", Int("axis", 1)), "LogSoftmax_4"));
        return Model(graph, opset: 11);
    }

    /// <summary>MatMul + Add, Relu, Gemm, LogSoftmax with the default axis (-1, the classes), at opset 13.</summary>
    private static byte[] LogSoftmaxMlp()
    {
        var random = new Random(9);
        var graph = new GraphProto { Name = "logsoftmax-mlp" };
        graph.Input.Add(Value("x", 1, 12));
        graph.Output.Add(Value("y", 1, 5));
        graph.Initializer.Add(Random(random, "w1", 12, 16));
        graph.Initializer.Add(Random(random, "b1", 16));
        graph.Initializer.Add(Random(random, "w2", 5, 16));
        graph.Initializer.Add(Random(random, "b2", 5));
        graph.Node.Add(Node("MatMul", ["x", "w1"], "m1"));
        graph.Node.Add(Node("Add", ["m1", "b1"], "a1"));
        graph.Node.Add(Node("Relu", ["a1"], "h1"));
        graph.Node.Add(Gemm("h1", "w2", "b2", "z"));
        graph.Node.Add(Node("LogSoftmax", ["z"], "y"));
        return Model(graph, opset: 13);
    }

    /// <summary>
    /// As torch.onnx.export writes nn.LayerNorm(8) at opset 13, before LayerNormalization existed, over a [N, 3, 8]
    /// sequence: ReduceMean, Sub, Pow (exponent an initializer), ReduceMean, Add (ε a Constant node), Sqrt, Div, Mul, Add;
    /// then Flatten and Gemm.
    /// </summary>
    private static byte[] PyTorchLayerNorm()
    {
        var random = new Random(7);
        var graph = new GraphProto { Name = "torch-jit-export" };
        graph.Input.Add(Value("input", 1, 3, 8));
        graph.Output.Add(Value("output", 1, 4));
        graph.Initializer.Add(Tensor("two", [2f]));
        graph.Initializer.Add(Random(random, "ln.weight", 8));
        graph.Initializer.Add(Random(random, "ln.bias", 8));
        graph.Initializer.Add(Random(random, "fc.weight", 4, 24));
        graph.Initializer.Add(Random(random, "fc.bias", 4));
        graph.Node.Add(Named(Node("ReduceMean", ["input"], "mean", Ints("axes", -1)), "ReduceMean_0"));
        graph.Node.Add(Named(Node("Sub", ["input", "mean"], "centered"), "Sub_1"));
        graph.Node.Add(Named(Node("Pow", ["centered", "two"], "squares"), "Pow_2"));
        graph.Node.Add(Named(Node("ReduceMean", ["squares"], "variance", Ints("axes", -1)), "ReduceMean_3"));
        graph.Node.Add(Named(ConstantNode(Tensor("epsilon", [1e-5f]), "epsilon"), "Constant_4"));
        graph.Node.Add(Named(Node("Add", ["variance", "epsilon"], "shifted"), "Add_5"));
        graph.Node.Add(Named(Node("Sqrt", ["shifted"], "deviation"), "Sqrt_6"));
        graph.Node.Add(Named(Node("Div", ["centered", "deviation"], "normalized"), "Div_7"));
        graph.Node.Add(Named(Node("Mul", ["normalized", "ln.weight"], "scaled"), "Mul_8"));
        graph.Node.Add(Named(Node("Add", ["scaled", "ln.bias"], "ln"), "Add_9"));
        graph.Node.Add(Named(Node("Flatten", ["ln"], "flat", Int("axis", 1)), "Flatten_10"));
        graph.Node.Add(Named(Node("Gemm", ["flat", "fc.weight", "fc.bias"], "output", Int("transB", 1)), "Gemm_11"));
        return Model(graph, opset: 13);
    }

    /// <summary>
    /// The layers an imported model must train too, at opset 20: LayerNormalization over a whole image (axis 1) and over
    /// a vector (axis -1, no bias), Gelu exact and tanh, Clip with only a max input, Max with the constant first and
    /// Min with it second.
    /// </summary>
    private static byte[] OnnxLayers()
    {
        var random = new Random(6);
        var graph = new GraphProto { Name = "onnx-layers" };
        graph.Input.Add(Value("x", 1, 2, 4, 4));
        graph.Output.Add(Value("y", 1, 5));
        graph.Initializer.Add(Random(random, "ln1.scale", 2, 4, 4));
        graph.Initializer.Add(Random(random, "ln1.bias", 2, 4, 4));
        graph.Initializer.Add(Random(random, "w1", 16, 32));
        graph.Initializer.Add(Random(random, "b1", 16));
        graph.Initializer.Add(Tensor("clip.max", [0.8f]));
        graph.Initializer.Add(Random(random, "w2", 12, 16));
        graph.Initializer.Add(Random(random, "b2", 12));
        graph.Initializer.Add(Tensor("floor", [-0.1f]));
        graph.Initializer.Add(Tensor("ceiling", [0.5f], 1));
        graph.Initializer.Add(Random(random, "ln2.scale", 12));
        graph.Initializer.Add(Random(random, "w3", 5, 12));
        graph.Initializer.Add(Random(random, "b3", 5));
        graph.Node.Add(Node("LayerNormalization", ["x", "ln1.scale", "ln1.bias"], "n1", Int("axis", 1), Float("epsilon", 1e-5f)));
        graph.Node.Add(Node("Flatten", ["n1"], "f1", Int("axis", 1)));
        graph.Node.Add(Node("Gemm", ["f1", "w1", "b1"], "g1", Int("transB", 1)));
        graph.Node.Add(Node("Gelu", ["g1"], "h1"));
        graph.Node.Add(Node("Clip", ["h1", "", "clip.max"], "c1"));
        graph.Node.Add(Node("Gemm", ["c1", "w2", "b2"], "g2", Int("transB", 1)));
        graph.Node.Add(Node("Max", ["floor", "g2"], "m2"));
        graph.Node.Add(Node("Gelu", ["m2"], "h2", Text("approximate", "tanh")));
        graph.Node.Add(Node("Min", ["h2", "ceiling"], "m3"));
        graph.Node.Add(Node("LayerNormalization", ["m3", "ln2.scale"], "n3", Int("axis", -1)));
        graph.Node.Add(Node("Gemm", ["n3", "w3", "b3"], "y", Int("transB", 1)));
        return Model(graph, opset: 20);
    }

    /// <summary>Gemm (transB, alpha, beta) → Relu → Gemm (B as [K × units]) → Sigmoid → Gemm → Softmax, opset 17.</summary>
    private static byte[] Mlp()
    {
        var random = new Random(1);
        var graph = new GraphProto { Name = "mlp" };
        graph.Input.Add(Value("x", 1, 12));
        graph.Output.Add(Value("y", 1, 4));
        graph.Initializer.Add(Random(random, "w1", 16, 12));
        graph.Initializer.Add(Random(random, "b1", 16));
        graph.Initializer.Add(Random(random, "w2", 16, 8));
        graph.Initializer.Add(Random(random, "b2", 1, 8));
        graph.Initializer.Add(Random(random, "w3", 4, 8));
        graph.Initializer.Add(Random(random, "b3", 4));
        graph.Node.Add(Node("Gemm", ["x", "w1", "b1"], "z1", Int("transB", 1), Float("alpha", 0.5f), Float("beta", 2f)));
        graph.Node.Add(Node("Relu", ["z1"], "h1"));
        graph.Node.Add(Node("Gemm", ["h1", "w2", "b2"], "z2"));
        graph.Node.Add(Node("Sigmoid", ["z2"], "h2"));
        graph.Node.Add(Gemm("h2", "w3", "b3", "z3"));
        graph.Node.Add(Softmax("z3", "y"));
        return Model(graph);
    }

    /// <summary>
    /// As torch.onnx.export writes an MLP at opset 11 over [N, 1, 8, 8] images: Flatten, MatMul + Add (bias as the second
    /// addend), Tanh, Dropout and Identity (removed), MatMul + Add (bias first), LeakyRelu, Constant weights into a Gemm,
    /// Elu, Softmax over axis 1.
    /// </summary>
    private static byte[] PyTorchMlp()
    {
        var random = new Random(2);
        var graph = new GraphProto { Name = "torch-jit-export" };
        graph.Input.Add(Value("input", 1, 1, 8, 8));
        graph.Output.Add(Value("output", 1, 5));
        graph.Initializer.Add(Random(random, "fc1.weight.T", 64, 32));
        graph.Initializer.Add(Random(random, "fc1.bias", 32));
        graph.Initializer.Add(Random(random, "fc2.weight.T", 32, 16));
        graph.Initializer.Add(Random(random, "fc2.bias", 16));
        graph.Node.Add(Named(Node("Flatten", ["input"], "flat", Int("axis", 1)), "Flatten_0"));
        graph.Node.Add(Named(Node("MatMul", ["flat", "fc1.weight.T"], "mm1"), "MatMul_1"));
        graph.Node.Add(Named(Node("Add", ["mm1", "fc1.bias"], "a1"), "Add_2"));
        graph.Node.Add(Named(Node("Tanh", ["a1"], "t1"), "Tanh_3"));
        graph.Node.Add(Named(Node("Dropout", ["t1"], "d1", Float("ratio", 0.5f)), "Dropout_4"));
        graph.Node.Add(Named(Node("Identity", ["d1"], "i1"), "Identity_5"));
        graph.Node.Add(Named(Node("MatMul", ["i1", "fc2.weight.T"], "mm2"), "MatMul_6"));
        graph.Node.Add(Named(Node("Add", ["fc2.bias", "mm2"], "a2"), "Add_7"));
        graph.Node.Add(Named(Node("LeakyRelu", ["a2"], "l2", Float("alpha", 0.2f)), "LeakyRelu_8"));
        graph.Node.Add(Named(ConstantNode(Random(random, "fc3.weight", 5, 16), "fc3.weight"), "Constant_9"));
        graph.Node.Add(Named(ConstantNode(Random(random, "fc3.bias", 5), "fc3.bias"), "Constant_10"));
        graph.Node.Add(Named(Node("Gemm", ["l2", "fc3.weight", "fc3.bias"], "g3", Int("transB", 1)), "Gemm_11"));
        graph.Node.Add(Named(Node("Elu", ["g3"], "e3", Float("alpha", 0.7f)), "Elu_12"));
        graph.Node.Add(Named(Node("Softmax", ["e3"], "output", Int("axis", 1)), "Softmax_13"));
        return Model(graph, opset: 11);
    }

    /// <summary>
    /// A PyTorch-shaped CNN at opset 13: Conv (pads 1) → BatchNormalization (folded into the Conv) → Relu → MaxPool
    /// (ceil_mode on windows that tile) → Conv (stride 2, SAME_UPPER) without bias → Add of a per-channel bias → Elu →
    /// AveragePool (kernel 2, stride 1) → Flatten → Gemm → LogSoftmax-free Softmax.
    /// </summary>
    private static byte[] PyTorchCnn()
    {
        var random = new Random(3);
        var graph = new GraphProto { Name = "cnn" };
        graph.Input.Add(Value("x", 1, 2, 10, 10));
        graph.Output.Add(Value("y", 1, 3));
        graph.Initializer.Add(Random(random, "c1.w", 4, 2, 3, 3));
        graph.Initializer.Add(Random(random, "c1.b", 4));
        graph.Initializer.Add(Random(random, "bn.scale", 4));
        graph.Initializer.Add(Random(random, "bn.bias", 4));
        graph.Initializer.Add(Random(random, "bn.mean", 4));
        graph.Initializer.Add(Positive(random, "bn.var", 4));
        graph.Initializer.Add(Random(random, "c2.w", 6, 4, 3, 3));
        graph.Initializer.Add(Random(random, "c2.b", 1, 6, 1, 1));
        graph.Initializer.Add(Random(random, "fc.w", 3, 6 * 2 * 2));
        graph.Initializer.Add(Random(random, "fc.b", 3));
        graph.Node.Add(Node("Conv", ["x", "c1.w", "c1.b"], "c1", Ints("kernel_shape", 3, 3), Ints("pads", 1, 1, 1, 1), Ints("strides", 1, 1)));
        graph.Node.Add(Node("BatchNormalization", ["c1", "bn.scale", "bn.bias", "bn.mean", "bn.var"], "n1", Float("epsilon", 1e-3f)));
        graph.Node.Add(Node("Relu", ["n1"], "r1"));
        graph.Node.Add(Node("MaxPool", ["r1"], "p1", Ints("kernel_shape", 2, 2), Ints("strides", 2, 2), Int("ceil_mode", 1)));
        graph.Node.Add(Node("Conv", ["p1", "c2.w"], "c2", Ints("kernel_shape", 3, 3), Ints("strides", 2, 2), Text("auto_pad", "SAME_UPPER")));
        graph.Node.Add(Node("Add", ["c2", "c2.b"], "a2"));
        graph.Node.Add(Node("Elu", ["a2"], "e2"));
        graph.Node.Add(Node("AveragePool", ["e2"], "p2", Ints("kernel_shape", 2, 2), Ints("strides", 1, 1)));
        graph.Node.Add(Node("Flatten", ["p2"], "f"));
        graph.Node.Add(Gemm("f", "fc.w", "fc.b", "z"));
        graph.Node.Add(Softmax("z", "y"));
        return Model(graph, opset: 13);
    }

    /// <summary>
    /// As tf2onnx converts a Keras CNN: the NHWC input transposed to NCHW, Conv (SAME_UPPER) + Relu, MaxPool, transposed
    /// back to NHWC and reshaped to [-1, K] (Keras flattens channels last), MatMul + Add, Softmax; opset 15.
    /// </summary>
    private static byte[] Tf2OnnxCnn()
    {
        var random = new Random(4);
        var graph = new GraphProto { Name = "tf2onnx" };
        graph.Input.Add(Value("input_1", 1, 8, 8, 3));
        graph.Output.Add(Value("dense", 1, 4));
        graph.Initializer.Add(Random(random, "conv/kernel", 5, 3, 3, 3));
        graph.Initializer.Add(Random(random, "conv/bias", 5));
        graph.Initializer.Add(Random(random, "dense/kernel", 4 * 4 * 5, 4));
        graph.Initializer.Add(Random(random, "dense/bias", 4));
        graph.Initializer.Add(Int64s("flatten/shape", [-1, 4 * 4 * 5]));
        graph.Node.Add(Node("Transpose", ["input_1"], "nchw", Ints("perm", 0, 3, 1, 2)));
        graph.Node.Add(Node("Conv", ["nchw", "conv/kernel", "conv/bias"], "conv", Ints("kernel_shape", 3, 3), Text("auto_pad", "SAME_UPPER")));
        graph.Node.Add(Node("Relu", ["conv"], "relu"));
        graph.Node.Add(Node("MaxPool", ["relu"], "pool", Ints("kernel_shape", 2, 2), Ints("strides", 2, 2)));
        graph.Node.Add(Node("Transpose", ["pool"], "nhwc", Ints("perm", 0, 2, 3, 1)));
        graph.Node.Add(Node("Reshape", ["nhwc", "flatten/shape"], "flat"));
        graph.Node.Add(Node("MatMul", ["flat", "dense/kernel"], "mm"));
        graph.Node.Add(Node("Add", ["mm", "dense/bias"], "logits"));
        graph.Node.Add(Node("Softmax", ["logits"], "dense"));
        return Model(graph, opset: 15);
    }

    /// <summary>
    /// A residual and branching graph at opset 17: stem Conv + Relu, a Conv → BatchNormalization branch added back to
    /// the stem, BatchNormalization after the Add (a layer of its own), Relu; a 1×1 Conv branch concatenated along the
    /// channels, gated by a Sigmoid branch through Mul; GlobalAveragePool, Reshape to [N, C], Gemm, Tanh.
    /// </summary>
    private static byte[] Residual()
    {
        var random = new Random(5);
        var graph = new GraphProto { Name = "residual" };
        graph.Input.Add(Value("x", 1, 3, 6, 6));
        graph.Output.Add(Value("y", 1, 2));
        graph.Initializer.Add(Random(random, "stem.w", 4, 3, 3, 3));
        graph.Initializer.Add(Random(random, "stem.b", 4));
        graph.Initializer.Add(Random(random, "block.w", 4, 4, 3, 3));
        graph.Initializer.Add(Random(random, "block.b", 4));
        graph.Initializer.Add(Random(random, "bn1.scale", 4));
        graph.Initializer.Add(Random(random, "bn1.bias", 4));
        graph.Initializer.Add(Random(random, "bn1.mean", 4));
        graph.Initializer.Add(Positive(random, "bn1.var", 4));
        graph.Initializer.Add(Random(random, "bn2.scale", 4));
        graph.Initializer.Add(Random(random, "bn2.bias", 4));
        graph.Initializer.Add(Random(random, "bn2.mean", 4));
        graph.Initializer.Add(Positive(random, "bn2.var", 4));
        graph.Initializer.Add(Random(random, "side.w", 2, 4, 1, 1));
        graph.Initializer.Add(Random(random, "side.b", 2));
        graph.Initializer.Add(Random(random, "gate.w", 6, 6, 1, 1));
        graph.Initializer.Add(Random(random, "gate.b", 6));
        graph.Initializer.Add(Random(random, "fc.w", 2, 6));
        graph.Initializer.Add(Random(random, "fc.b", 2));
        graph.Initializer.Add(Int64s("shape", [0, -1]));
        graph.Node.Add(Node("Conv", ["x", "stem.w", "stem.b"], "s0", Ints("kernel_shape", 3, 3), Ints("pads", 1, 1, 1, 1)));
        graph.Node.Add(Node("Relu", ["s0"], "stem"));
        graph.Node.Add(Node("Conv", ["stem", "block.w", "block.b"], "b0", Ints("kernel_shape", 3, 3), Ints("pads", 1, 1, 1, 1)));
        graph.Node.Add(Node("BatchNormalization", ["b0", "bn1.scale", "bn1.bias", "bn1.mean", "bn1.var"], "b1"));
        graph.Node.Add(Node("Add", ["b1", "stem"], "sum"));
        graph.Node.Add(Node("BatchNormalization", ["sum", "bn2.scale", "bn2.bias", "bn2.mean", "bn2.var"], "n2", Float("epsilon", 1e-4f)));
        graph.Node.Add(Node("Relu", ["n2"], "r2"));
        graph.Node.Add(Node("Conv", ["r2", "side.w", "side.b"], "side", Ints("kernel_shape", 1, 1)));
        graph.Node.Add(Node("Concat", ["r2", "side"], "cat", Int("axis", 1)));
        graph.Node.Add(Node("Conv", ["cat", "gate.w", "gate.b"], "g0", Ints("kernel_shape", 1, 1)));
        graph.Node.Add(Node("Sigmoid", ["g0"], "gate"));
        graph.Node.Add(Node("Mul", ["cat", "gate"], "gated"));
        graph.Node.Add(Node("GlobalAveragePool", ["gated"], "gap"));
        graph.Node.Add(Node("Reshape", ["gap", "shape"], "flat"));
        graph.Node.Add(Gemm("flat", "fc.w", "fc.b", "z"));
        graph.Node.Add(Node("Tanh", ["z"], "y"));
        return Model(graph);
    }

    private static NodeProto Named(NodeProto node, string name)
    {
        node.Name = name;
        return node;
    }

    private static NodeProto ConstantNode(TensorProto value, string output) =>
        Node("Constant", [], output, new AttributeProto { Name = "value", Type = AttributeProto.Types.AttributeType.Tensor, T = value });

    private static TensorProto Random(Random random, string name, params long[] dims) =>
        Tensor(name, Enumerable.Range(0, (int)dims.Aggregate(1L, (p, d) => p * d)).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray(), dims);

    private static TensorProto Positive(Random random, string name, params long[] dims) =>
        Tensor(name, Enumerable.Range(0, (int)dims.Aggregate(1L, (p, d) => p * d)).Select(_ => (float)(0.5 + random.NextDouble())).ToArray(), dims);

    private static TensorProto Int64s(string name, long[] values)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Int64 };
        tensor.Dims.Add(values.Length);
        tensor.Int64Data.Add(values);
        return tensor;
    }
}
