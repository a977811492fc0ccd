using System;

namespace Butterfly.Runtime.Tests.Kernels;

/// <summary>
/// The plain scalar product every kernel is checked against, in double precision:
/// <c>C(i, j) = init(i, j) + Σ_p A(i, p) B(p, j)</c>, with the operands read through index functions so one loop
/// serves every transposition. Also returns the bound <c>Σ_p |A(i, p) B(p, j)|</c> that scales the tolerance.
/// </summary>
internal static class ReferenceGemm
{
    public static (double[] Values, double[] Magnitudes) Multiply(
        Func<int, int, float> a, Func<int, int, float> b, Func<int, int, float> init, int m, int n, int k)
    {
        var values = new double[m * n];
        var magnitudes = new double[m * n];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = init(i, j), magnitude = Math.Abs(init(i, j));
                for (int p = 0; p < k; p++)
                {
                    double product = (double)a(i, p) * b(p, j);
                    sum += product;
                    magnitude += Math.Abs(product);
                }

                values[i * n + j] = sum;
                magnitudes[i * n + j] = magnitude;
            }
        }

        return (values, magnitudes);
    }

    /// <summary>
    /// Asserts float results within rounding of the reference: float32 accumulation over k terms errs by at most
    /// about k·ε·Σ|terms| (ε = 6e-8); 4e-6·Σ|terms| covers k up to about 60 worst case and far more in practice,
    /// while a wrong index or a missed term is off by a whole term.
    /// </summary>
    public static void AssertClose((double[] Values, double[] Magnitudes) expected, ReadOnlySpan<float> actual, string what)
    {
        for (int i = 0; i < expected.Values.Length; i++)
        {
            double tolerance = 4e-6 * expected.Magnitudes[i] + 1e-6;
            double error = Math.Abs(actual[i] - expected.Values[i]);
            Assert.True(error <= tolerance, $"{what}: element {i} is {actual[i]}, expected {expected.Values[i]} (error {error:G3} > {tolerance:G3}).");
        }
    }

    public static float[] Random(Random random, int count)
    {
        var values = new float[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = random.NextSingle() * 2f - 1f;
        }

        return values;
    }
}
