namespace Butterfly.Generator.Layers;

/// <summary>
/// The expressions an int8 layer's Predict code reads (see <c>Butterfly.Kernels.Int8Gemv</c>): its int8 weights, the
/// folded scales <c>c_j</c> and bias <c>b'_j</c>, the input's step <c>s_x</c> and zero point <c>z</c> as literals, and the
/// byte scratch that receives the quantized input.
/// </summary>
internal sealed record QuantizedTensors(string Weights, string Scales, string Bias, string InputScale, int InputZeroPoint, string Scratch);
