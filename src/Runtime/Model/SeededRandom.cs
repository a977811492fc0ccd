using System;

namespace Butterfly;

/// <summary>
/// A small, fast generator (xoshiro128**, Blackman and Vigna 2018) whose sequence depends only on its seed,
/// on every platform and .NET version, so a seed names the same weights and the same shuffles forever.
/// </summary>
public sealed class SeededRandom
{
    private uint _s0, _s1, _s2, _s3;

    /// <summary>Starts the sequence for <paramref name="seed"/>.</summary>
    public SeededRandom(int seed)
    {
        // SplitMix64 spreads the 32-bit seed over the 128-bit state, which must not be all zero.
        ulong x = (ulong)(uint)seed;
        _s0 = (uint)SplitMix(ref x);
        _s1 = (uint)SplitMix(ref x);
        _s2 = (uint)SplitMix(ref x);
        _s3 = (uint)SplitMix(ref x);
        if ((_s0 | _s1 | _s2 | _s3) == 0)
        {
            _s0 = 1;
        }
    }

    /// <summary>The whole generator state, to save and restore a run exactly.</summary>
    public (uint S0, uint S1, uint S2, uint S3) State
    {
        get => (_s0, _s1, _s2, _s3);
        set
        {
            if ((value.S0 | value.S1 | value.S2 | value.S3) == 0)
            {
                throw new ArgumentException("The state of a xoshiro128** generator must not be all zero.", nameof(value));
            }

            (_s0, _s1, _s2, _s3) = value;
        }
    }

    /// <summary>The next 32 random bits.</summary>
    public uint NextUInt32()
    {
        uint result = BitRotate(_s1 * 5, 7) * 9;
        uint t = _s1 << 9;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitRotate(_s3, 11);
        return result;
    }

    /// <summary>A uniform float in [0, 1), with 24 random bits.</summary>
    public float NextSingle() => (NextUInt32() >> 8) * (1f / (1 << 24));

    /// <summary>A uniform integer in [0, <paramref name="bound"/>), without modulo bias (Lemire 2019).</summary>
    public int NextInt32(int bound)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bound);
        ulong product = (ulong)NextUInt32() * (uint)bound;
        uint low = (uint)product;
        if (low < (uint)bound)
        {
            uint threshold = (uint)-bound % (uint)bound;
            while (low < threshold)
            {
                product = (ulong)NextUInt32() * (uint)bound;
                low = (uint)product;
            }
        }

        return (int)(product >> 32);
    }

    /// <summary>A standard normal sample, by the Box-Muller transform.</summary>
    public float NextGaussian()
    {
        // 1 - u keeps the argument of the log in (0, 1].
        double u1 = 1.0 - NextSingle();
        double u2 = NextSingle();
        return (float)(Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2));
    }

    /// <summary>Puts <paramref name="items"/> in a uniformly random order (Fisher-Yates).</summary>
    public void Shuffle<T>(Span<T> items)
    {
        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = NextInt32(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    private static uint BitRotate(uint x, int k) => (x << k) | (x >> (32 - k));

    private static ulong SplitMix(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
