using System;
using System.ComponentModel;

namespace Butterfly.Kernels;

/// <summary>
/// Inverted dropout (Srivastava et al. 2014): in training, <c>y = x ⊙ m / (1 - r)</c> with <c>m_i ∈ {0, 1}</c>
/// kept with probability <c>1 - r</c>, so that <c>E[y] = x</c> and inference is the identity. The mask is a pure
/// function of (seed, step, layer, element), a counter-based hash rather than a stream, so backward recomputes it
/// (<c>dx = dy ⊙ m / (1 - r)</c>) without storing it, and a resumed run draws exactly the masks it would have drawn.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Dropout
{
    /// <summary><c>y = x ⊙ m / (1 - rate)</c>; <paramref name="x"/> and <paramref name="y"/> may be the same span.</summary>
    public static void Forward(ReadOnlySpan<float> x, Span<float> y, float rate, int seed, long step, int layer) =>
        Apply(x, y, rate, seed, step, layer);

    /// <summary><c>dx = dy ⊙ m / (1 - rate)</c>, with the mask <see cref="Forward"/> drew for the same key.</summary>
    public static void Backward(ReadOnlySpan<float> dy, Span<float> dx, float rate, int seed, long step, int layer) =>
        Apply(dy, dx, rate, seed, step, layer);

    /// <summary>Whether element <paramref name="index"/> is kept: its 32-bit hash lies at or above <c>rate · 2^32</c>.</summary>
    public static bool Keeps(float rate, int seed, long step, int layer, int index) =>
        CounterNoise.Bits(CounterNoise.Key(seed, step, layer), index) >= Threshold(rate);

    private static void Apply(ReadOnlySpan<float> source, Span<float> target, float rate, int seed, long step, int layer)
    {
        int length = source.Length;
        target = target.Slice(0, length);
        float scale = 1f / (1f - rate);
        ulong key = CounterNoise.Key(seed, step, layer);
        ulong threshold = Threshold(rate);
        for (int i = 0; i < length; i++)
        {
            target[i] = CounterNoise.Bits(key, i) >= threshold ? source[i] * scale : 0f;
        }
    }

    private static ulong Threshold(float rate) => (ulong)((double)rate * 4294967296.0);
}
