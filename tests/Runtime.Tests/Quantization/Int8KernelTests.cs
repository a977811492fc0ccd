using System;
using System.Linq;
using Butterfly.Kernels;

namespace Butterfly.Runtime.Tests.Quantization;

/// <summary>Each int8 dot-product path against the scalar reference, on lengths around every vector width and on extremes.</summary>
public sealed class Int8KernelTests
{
    private static readonly int[] Lengths = [.. Enumerable.Range(0, 70), 100, 255, 256, 783, 784, 785, 4096];

    [CpuFact("AvxVnni")]
    public void AvxVnni_matches_scalar() => AssertMatchesScalar(Int8Dot.WithAvxVnni);

    [CpuFact("Avx512BW")]
    public void Avx512BW_matches_scalar() => AssertMatchesScalar(Int8Dot.WithAvx512BW);

    [CpuFact("Avx2")]
    public void Avx2_matches_scalar() => AssertMatchesScalar(Int8Dot.WithAvx2);

    [Fact]
    public void Dispatch_matches_scalar() => AssertMatchesScalar(Int8Dot.Compute);

    [Fact]
    public void Scalar_is_the_plain_sum_of_products()
    {
        Assert.Equal(255 * -128 * 3 + 255 * 127, Int8Dot.Scalar([255, 255, 255, 255], [-128, -128, -128, 127]));
        Assert.Equal(0, Int8Dot.Scalar([], []));
    }

    [Fact]
    public void Quantized_input_rounds_and_clamps()
    {
        Span<byte> q = stackalloc byte[5];
        Int8Gemv.QuantizeInput([-1f, 0f, 0.5f, 0.51f, 9f], 0.01f, 100, q);
        Assert.Equal(new byte[] { 0, 100, 150, 151, 255 }, q.ToArray());
    }

    [Fact]
    public void Vectorized_quantization_matches_the_scalar_formula()
    {
        var random = new Random(3);
        var x = Enumerable.Range(0, 797).Select(_ => (float)((random.NextDouble() * 3) - 1)).ToArray();
        x[5] = 0.5f / 0.01f * 0.01f; // ties round to even
        x[6] = 0.015f;
        var q = new byte[x.Length];
        Int8Gemv.QuantizeInput(x, 0.01f, 37, q);
        for (int i = 0; i < x.Length; i++)
        {
            Assert.Equal((byte)Math.Clamp(MathF.Round(x[i] * (1f / 0.01f)) + 37, 0f, 255f), q[i]);
        }
    }

    [Fact]
    public void Int8_dense_layer_is_scaled_dot_plus_bias()
    {
        // x = [0.5, 1], s_x = 1/2, z = 0 -> q = [1, 2]; rows [1, 2] and [-3, 4]: dots 5 and 5.
        Span<byte> scratch = stackalloc byte[2];
        Span<float> y = stackalloc float[2];
        Int8Gemv.MultiplyAddBias([1, 2, -3, 4], [0.5f, 1f], 0.5f, 0, [0.25f, 2f], [1f, -1f], scratch, y, 2, 2);
        Assert.Equal([0.25f * 5 + 1f, 2f * 5 - 1f], y.ToArray());
    }

    private delegate int DotPath(ReadOnlySpan<byte> a, ReadOnlySpan<sbyte> b);

    private static void AssertMatchesScalar(DotPath path)
    {
        var random = new Random(7);
        foreach (int length in Lengths)
        {
            var a = new byte[length];
            var b = new sbyte[length];
            random.NextBytes(a);
            random.NextBytes((byte[])(Array)b);
            Assert.Equal(Int8Dot.Scalar(a, b), path(a, b));

            // The extremes, where a saturating instruction (vpmaddubsw) would go wrong.
            Array.Fill(a, (byte)255);
            Array.Fill(b, sbyte.MinValue);
            Assert.Equal(Int8Dot.Scalar(a, b), path(a, b));
            Array.Fill(b, sbyte.MaxValue);
            Assert.Equal(Int8Dot.Scalar(a, b), path(a, b));
        }
    }
}
