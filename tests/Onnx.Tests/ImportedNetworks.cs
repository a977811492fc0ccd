namespace Butterfly.Onnx.Tests;

/// <summary>Gemm (transA/transB, alpha, beta), Relu, Sigmoid, Softmax.</summary>
[Network(Onnx = "mlp.onnx")]
internal sealed partial class ImportedMlp;

/// <summary>PyTorch's MLP: Flatten, MatMul + Add, Tanh, Dropout, Identity, LeakyRelu, Constant, Elu, Softmax at opset 11.</summary>
[Network(Onnx = "pytorch-mlp.onnx")]
internal sealed partial class ImportedPyTorchMlp;

/// <summary>PyTorch's CNN: Conv, BatchNormalization folded, MaxPool (ceil_mode), SAME_UPPER, AveragePool, Flatten, Gemm.</summary>
[Network(Onnx = "pytorch-cnn.onnx")]
internal sealed partial class ImportedPyTorchCnn;

/// <summary>tf2onnx's CNN: NHWC input and Transpose, Reshape to [-1, K] of a transposed tensor, MatMul + Add.</summary>
[Network(Onnx = "Models/tf2onnx-cnn.onnx")]
internal sealed partial class ImportedTf2OnnxCnn;

/// <summary>A residual, branching graph: Add, Concat, Mul of tensors, BatchNormalization as a layer, GlobalAveragePool, Reshape.</summary>
[Network(Onnx = "residual.onnx")]
internal sealed partial class ImportedResidual;

/// <summary>LayerNormalization (image and vector), Gelu (both forms), Clip, Max and Min against constants, at opset 20.</summary>
[Network(Onnx = "onnx-layers.onnx")]
internal sealed partial class ImportedOnnxLayers;

/// <summary>PyTorch's layer normalization before opset 17, nine nodes folded into one LayerNorm.</summary>
[Network(Onnx = "pytorch-layernorm.onnx")]
internal sealed partial class ImportedPyTorchLayerNorm;

/// <summary>PyTorch's LogSoftmax at opset 11, over a reshaped [N, 2, 3] output (axis 1: all of it).</summary>
[Network(Onnx = "pytorch-logsoftmax.onnx")]
internal sealed partial class ImportedPyTorchLogSoftmax;

/// <summary>LogSoftmax with its default axis at opset 13, after MatMul + Add, Relu and Gemm.</summary>
[Network(Onnx = "logsoftmax-mlp.onnx")]
internal sealed partial class ImportedLogSoftmaxMlp;

/// <summary>Conv with a 3×5 kernel, strides (2, 1) and pads [0, 1, 2, 1]; auto_pad SAME_UPPER at stride 2; SAME_LOWER of a 2×2 kernel.</summary>
[Network(Onnx = "conv-geometry.onnx")]
internal sealed partial class ImportedConvGeometry;

/// <summary>A transpose of a hidden tensor with activations after it, absorbed by the dense layer after the Reshape.</summary>
[Network(Onnx = "transposed-activation.onnx")]
internal sealed partial class ImportedTransposedActivation;
