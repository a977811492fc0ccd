namespace Butterfly.Generator.Planning;

/// <summary>
/// Scratch a layer keeps in the workspace besides its output, before it has an offset: a batch normalization's
/// normalized input (per sample), a convolution's unfolded sample (once, whatever the batch).
/// </summary>
/// <param name="Length">Floats it holds, per sample when <paramref name="PerSample"/>, else in all.</param>
/// <param name="PerSample">Whether it scales with the batch.</param>
/// <param name="PredictLength">Floats Predict needs, for one sample (0: none); when null, <paramref name="Length"/>.</param>
internal sealed record ScratchShape(long Length, bool PerSample, long? PredictLength = null)
{
    /// <summary>Floats of Predict's scratch it takes: <see cref="PredictLength"/> when given (0 when Predict needs none).</summary>
    public long ForPredict => PredictLength ?? Length;
}

/// <summary>A layer's scratch placed in the workspace and in Predict's scratch.</summary>
/// <param name="Offset">Per-sample offset in the workspace layout, or offset in its batch-independent part.</param>
/// <param name="Length">Floats per sample, or in all.</param>
/// <param name="PerSample">Whether it scales with the batch.</param>
/// <param name="PredictOffset">Offset in Predict's scratch, where one sample's worth sits.</param>
/// <param name="PredictLength">Floats of it in Predict's scratch.</param>
internal sealed record ScratchTensor(int Offset, int Length, bool PerSample, int PredictOffset, int PredictLength);
