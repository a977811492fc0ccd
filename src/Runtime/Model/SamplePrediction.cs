using System;

namespace Butterfly;

/// <summary>
/// Computes one sample's output, as a network's <c>Predict</c>, a generated static <c>PredictEmbedded</c> or
/// <see cref="QuantizedNetwork.Predict"/> does.
/// </summary>
public delegate void SamplePrediction(ReadOnlySpan<float> input, Span<float> output);
