using System;
using System.Collections.Generic;

namespace Butterfly.Generator.Tests.Fuzzing;

/// <summary>
/// The choices of one fuzz case. Its generator is seeded from the run's seed and the case index alone, so any case can
/// be rebuilt by itself from the two numbers a failure prints, whatever else the run contained.
/// </summary>
internal sealed class CaseRandom
{
    private readonly Random _random;

    public CaseRandom(int seed, int caseIndex) => _random = new Random(Mix(seed, caseIndex));

    public bool Chance(double probability) => _random.NextDouble() < probability;

    /// <summary>A number in [<paramref name="min"/>, <paramref name="maxExclusive"/>).</summary>
    public int Next(int min, int maxExclusive) => _random.Next(min, maxExclusive);

    public double NextDouble() => _random.NextDouble();

    public T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    public void Shuffle<T>(List<T> items)
    {
        for (int i = items.Count - 1; i > 0; i--)
        {
            int j = _random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    // SplitMix64's finalizer: neighbouring case indexes get unrelated streams (System.Random's own seeding does not
    // spread close seeds well).
    private static int Mix(int seed, int caseIndex)
    {
        ulong z = ((ulong)(uint)seed << 32) | (uint)caseIndex;
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (int)(z & int.MaxValue);
    }
}
