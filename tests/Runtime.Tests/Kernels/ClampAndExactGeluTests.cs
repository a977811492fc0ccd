using System;
using Butterfly.Kernels;

namespace Butterfly.Runtime.Tests.Kernels;

/// <summary>
/// The clamp and the exact GELU against scalar references: the clamp bit for bit (vector lanes and scalar tail, open
/// bounds, NaN and signed zeros), the exact GELU against Φ computed in double precision from erf's Taylor series.
/// </summary>
public sealed class ClampAndExactGeluTests
{
    [Theory]
    [InlineData(0, -1f, 1f)]
    [InlineData(7, -0.5f, 0.25f)]
    [InlineData(33, 0f, 6f)]
    [InlineData(100, float.NegativeInfinity, 0.3f)]
    [InlineData(101, -0.3f, float.PositiveInfinity)]
    [InlineData(64, 0.2f, 0.2f)]
    public void Clamp_and_its_backward_rule_match_the_scalar_reference(int length, float min, float max)
    {
        var random = new Random(length);
        var x = new float[length];
        var dy = new float[length];
        for (int i = 0; i < length; i++)
        {
            x[i] = random.Next(8) switch { 0 => min, 1 => max, 2 => float.NaN, 3 => -0f, _ => (float)(random.NextDouble() * 4 - 2) };
            dy[i] = (float)(random.NextDouble() * 2 - 1);
        }

        var y = new float[length];
        var dx = new float[length];
        Activations.Clamp(x, y, min, max);
        Activations.ClampBackward(x, dy, dx, min, max);
        for (int i = 0; i < length; i++)
        {
            float expected = float.IsNaN(x[i]) ? x[i] : x[i] < min ? min : x[i] > max ? max : x[i];
            Assert.True(
                BitConverter.SingleToInt32Bits(expected) == BitConverter.SingleToInt32Bits(y[i]) || (float.IsNaN(expected) && float.IsNaN(y[i])),
                $"y[{i}] = {y[i]} for x = {x[i]}, expected {expected}.");
            Assert.Equal(x[i] >= min && x[i] <= max ? dy[i] : 0f, dx[i]);
        }
    }

    [Fact]
    public void Clamp_refuses_an_input_shorter_than_its_output()
    {
        var exception = Assert.Throws<ArgumentException>(() => Activations.Clamp(new float[3], new float[4], 0f, 1f));
        Assert.Equal("x", exception.ParamName);
    }

    [Fact]
    public void Exact_gelu_and_its_derivative_match_the_normal_distribution()
    {
        const int length = 1201;
        var x = new float[length];
        for (int i = 0; i < length; i++)
        {
            x[i] = -6f + i * 0.01f;
        }

        var y = new float[length];
        var dx = new float[length];
        var ones = new float[length];
        ones.AsSpan().Fill(1f);
        Activations.GELUExact(x, y);
        Activations.GELUExactBackward(x, ones, dx);
        for (int i = 0; i < length; i++)
        {
            double v = x[i];
            double cumulative = 0.5 * (1 + Erf(v / Math.Sqrt(2)));
            double density = Math.Exp(-v * v / 2) / Math.Sqrt(2 * Math.PI);
            double tolerance = 1e-6 * Math.Max(1, Math.Abs(v));
            Assert.True(Math.Abs(v * cumulative - y[i]) <= tolerance, $"GELU({v}) = {y[i]}, expected {v * cumulative}.");
            Assert.True(Math.Abs(cumulative + v * density - dx[i]) <= tolerance, $"GELU'({v}) = {dx[i]}, expected {cumulative + v * density}.");
        }

        // Φ(1) = 0.8413447460685429: the exact form, not the tanh approximation's 0.8411920.
        var one = new float[1];
        Activations.GELUExact([1f], one);
        Assert.Equal(0.841344746, one[0], 6);
    }

    /// <summary>
    /// erf by its Taylor series <c>(2/sqrt π) Σ (-1)^n z^(2n+1) / (n! (2n+1))</c> up to |z| = 4.5, where the terms' peak
    /// leaves about 1e-9 of double precision; beyond, erf is ±1 within 2e-10.
    /// </summary>
    private static double Erf(double z)
    {
        if (Math.Abs(z) > 4.5)
        {
            return Math.Sign(z);
        }

        double sum = 0, term = z;
        for (int n = 0; n < 200; n++)
        {
            sum += term / (2 * n + 1);
            term *= -z * z / (n + 1);
        }

        return 2 / Math.Sqrt(Math.PI) * sum;
    }
}
