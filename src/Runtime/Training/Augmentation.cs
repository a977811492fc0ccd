using System;
using Butterfly.Kernels;

namespace Butterfly;

/// <summary>
/// A random change to each training input that keeps its label (data augmentation), drawn afresh at every step, so
/// that the network sees a slightly different training set each epoch and fits the one it has less closely. Set it
/// as <see cref="TrainerOptions.Augmentation"/>; the trainer applies it to the batches it trains on and never to the
/// data it scores. A sample's draw is a pure function of the trainer's seed, the optimizer step and the sample's place
/// in the batch, so a resumed run augments exactly as an uninterrupted one would.
/// </summary>
public abstract class Augmentation
{
    // Dropout draws streams 0, 1, ... (one per layer) under the same (seed, step) keys; this one is far from them.
    private const int NoiseStream = int.MaxValue;

    /// <summary>Why the augmentation cannot apply to samples of <paramref name="sampleLength"/> floats, or null when it can.</summary>
    /// <param name="sampleLength">Floats per sample of the data to be trained on.</param>
    /// <returns>A sentence that says what the augmentation expects, for the trainer's exception; null when it fits.</returns>
    public abstract string? Mismatch(int sampleLength);

    /// <summary>Changes one sample in place.</summary>
    /// <param name="sample">The sample, as long as <see cref="Mismatch"/> accepted.</param>
    /// <param name="randomBits">64 uniformly random bits drawn for this sample at this step.</param>
    public abstract void Apply(Span<float> sample, ulong randomBits);

    /// <summary>What the augmentation does, with its settings; a checkpoint records it, and resumes only with the same.</summary>
    public abstract override string ToString();

    /// <summary>Applies the augmentation to each of the <paramref name="count"/> samples of a training batch.</summary>
    internal void ApplyToBatch(Span<float> inputs, int sampleLength, int count, int seed, long step)
    {
        ulong key = CounterNoise.Key(seed, step, NoiseStream);
        for (int b = 0; b < count; b++)
        {
            ulong bits = ((ulong)CounterNoise.Bits(key, 2 * b) << 32) | CounterNoise.Bits(key, 2 * b + 1);
            Apply(inputs.Slice(b * sampleLength, sampleLength), bits);
        }
    }
}
