using System;

namespace Butterfly.Runtime.Tests.Kernels;

/// <summary>Bit-exact comparisons for kernels whose paths, splits or fusions promise the same bits.</summary>
internal static class Bits
{
    /// <summary>A marker no kernel output takes, so that an output a kernel failed to write shows.</summary>
    public const float Unwritten = 12345f;

    /// <summary>A buffer full of <see cref="Unwritten"/>.</summary>
    public static float[] Garbage(int length)
    {
        var garbage = new float[length];
        garbage.AsSpan().Fill(Unwritten);
        return garbage;
    }

    /// <summary>Fails at the first element whose bits differ, naming <paramref name="what"/>, the index and both values.</summary>
    public static void AssertSame(float[] expected, float[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            int e = BitConverter.SingleToInt32Bits(expected[i]), a = BitConverter.SingleToInt32Bits(actual[i]);
            if (e != a)
            {
                Assert.Fail($"{what}: element {i} is {actual[i]} (0x{a:X8}), expected {expected[i]} (0x{e:X8}).");
            }
        }
    }
}
