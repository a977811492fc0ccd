namespace Butterfly.Kernels;

/// <summary>
/// Counter-based random bits: the draw for element <c>i</c> of stream <c>s</c> at step <c>t</c> of seed <c>k</c> is a
/// pure function of <c>(k, t, s, i)</c>. Nothing is stored or carried from call to call, so a draw can be recomputed
/// (dropout's backward rule), a resumed run draws what it would have drawn, and threads that split a tensor draw the
/// same bits as one thread would.
/// </summary>
internal static class CounterNoise
{
    /// <summary>The key of stream <paramref name="stream"/> at <paramref name="step"/> of <paramref name="seed"/>.</summary>
    public static ulong Key(int seed, long step, int stream) =>
        Mix(Mix((ulong)(uint)seed ^ 0xD1B54A32D192ED03UL) ^ (ulong)step) ^ ((ulong)(uint)stream << 32);

    /// <summary>32 well-mixed bits for element <paramref name="index"/> under <paramref name="key"/>.</summary>
    public static uint Bits(ulong key, int index) => (uint)(Mix(key + (ulong)(uint)index) >> 32);

    /// <summary>A uniform float in [0, 1) with 24 random bits, for element <paramref name="index"/>.</summary>
    public static float Uniform(ulong key, int index) => (Bits(key, index) >> 8) * (1f / (1 << 24));

    /// <summary>SplitMix64's finalizer (Steele et al. 2014): a bijection with full avalanche.</summary>
    private static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
