namespace Butterfly.Onnx.Tests;

/// <summary><see cref="RoundTripMlpSource"/>, exported and imported back.</summary>
[Network(Onnx = "roundtrip-mlp.onnx")]
internal sealed partial class RoundTripMlp;

/// <summary><see cref="RoundTripCnnSource"/>, exported and imported back (its BatchNorm folds into the convolution).</summary>
[Network(Onnx = "roundtrip-cnn.onnx")]
internal sealed partial class RoundTripCnn;

/// <summary><see cref="RoundTripResidualSource"/>, exported and imported back.</summary>
[Network(Onnx = "roundtrip-residual.onnx")]
internal sealed partial class RoundTripResidual;

/// <summary><see cref="RoundTripLogSoftmaxSource"/>, exported and imported back.</summary>
[Network(Onnx = "roundtrip-logsoftmax.onnx")]
internal sealed partial class RoundTripLogSoftmax;

/// <summary><see cref="RoundTripConvGeometrySource"/>, exported and imported back.</summary>
[Network(Onnx = "roundtrip-conv-geometry.onnx")]
internal sealed partial class RoundTripConvGeometry;
