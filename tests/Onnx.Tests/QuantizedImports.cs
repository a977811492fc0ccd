namespace Butterfly.Onnx.Tests;

/// <summary>
/// <see cref="ImportedMlp"/>'s layers with int8 weights that <see cref="Quantizer"/> made from it
/// (<see cref="QuantizedImportTests"/> keeps Models/mlp.bfq.b64 equal to what it writes): <c>PredictEmbedded</c> in int8.
/// </summary>
[Network(Onnx = "mlp.onnx", Weights = "mlp.bfq.b64", Precision = Precision.Int8)]
internal sealed partial class ImportedMlpInt8;

/// <summary><see cref="ImportedLogSoftmaxMlp"/> in int8: MatMul + Add and Gemm quantized, its LogSoftmax in float.</summary>
[Network(Onnx = "logsoftmax-mlp.onnx", Weights = "logsoftmax-mlp.bfq.b64", Precision = Precision.Int8)]
internal sealed partial class ImportedLogSoftmaxMlpInt8;
