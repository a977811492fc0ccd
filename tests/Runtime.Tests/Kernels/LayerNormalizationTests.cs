using System;
using Butterfly.Kernels;

namespace Butterfly.Runtime.Tests.Kernels;

/// <summary>
/// Layer normalization's vectorized kernel against a scalar reference in double precision: forward from the definition,
/// and backward as the full Jacobian-transpose product <c>dx_j = Σ_i g_i ∂x̂_i/∂x_j</c> (not the simplified rule the
/// kernel uses), on widths around the vector sizes and rows far from zero mean.
/// </summary>
public sealed class LayerNormalizationTests
{
    [Theory]
    [InlineData(1, 2)]
    [InlineData(3, 7)]
    [InlineData(2, 16)]
    [InlineData(4, 33)]
    [InlineData(2, 100)]
    public void Forward_and_backward_match_the_scalar_reference(int rows, int width)
    {
        var random = new SeededRandom(rows * 1000 + width);
        var x = new float[rows * width];
        for (int r = 0; r < rows; r++)
        {
            // Rows far from zero mean and of different spreads: the two-pass variance must not cancel.
            float offset = 50f * r, spread = 0.1f + r;
            for (int i = 0; i < width; i++)
            {
                x[r * width + i] = offset + spread * (2f * random.NextSingle() - 1f);
            }
        }

        var gamma = ConvolutionTests.Random(random, width);
        var beta = ConvolutionTests.Random(random, width);
        var dy = ConvolutionTests.Random(random, rows * width);
        const float epsilon = 1e-5f;

        var y = new float[x.Length];
        var normalized = new float[x.Length];
        var inverse = new float[rows];
        LayerNormalization.Forward(x, y, gamma, beta, normalized, inverse, rows, width, epsilon);
        var dx = new float[x.Length];
        var dGamma = new float[width];
        var dBeta = new float[width];
        dGamma.AsSpan().Fill(float.NaN);
        LayerNormalization.Backward(normalized, gamma, inverse, dy, dGamma, dBeta, dx, rows, width);

        var expectedDGamma = new double[width];
        var expectedDBeta = new double[width];
        for (int r = 0; r < rows; r++)
        {
            var (hat, deviation) = Reference(x.AsSpan(r * width, width), epsilon);
            for (int i = 0; i < width; i++)
            {
                int at = r * width + i;
                AssertClose(gamma[i] * hat[i] + beta[i], y[at], $"y[{r}, {i}]");
                expectedDGamma[i] += dy[at] * hat[i];
                expectedDBeta[i] += dy[at];
            }

            // ∂x̂_i/∂x_j = (δ_ij - 1/N) / s - x̂_i x̂_j / (N s), s = sqrt(σ² + ε).
            for (int j = 0; j < width; j++)
            {
                double sum = 0;
                for (int i = 0; i < width; i++)
                {
                    double jacobian = ((i == j ? 1 : 0) - 1.0 / width) / deviation - hat[i] * hat[j] / (width * deviation);
                    sum += dy[r * width + i] * gamma[i] * jacobian;
                }

                AssertClose(sum, dx[r * width + j], $"dx[{r}, {j}]");
            }
        }

        for (int i = 0; i < width; i++)
        {
            AssertClose(expectedDGamma[i], dGamma[i], $"dγ[{i}]");
            AssertClose(expectedDBeta[i], dBeta[i], $"dβ[{i}]");
        }
    }

    [Fact]
    public void Predict_form_normalizes_into_the_output_and_leaves_the_parameter_gradients_alone_without_dx()
    {
        const int rows = 2, width = 9;
        var random = new SeededRandom(8);
        var x = ConvolutionTests.Random(random, rows * width);
        var gamma = ConvolutionTests.Random(random, width);
        var beta = ConvolutionTests.Random(random, width);
        var kept = new float[x.Length];
        var y = new float[x.Length];
        var inverse = new float[rows];
        LayerNormalization.Forward(x, y, gamma, beta, kept, inverse, rows, width, 1e-5f);

        // Predict passes its output as the place for x̂ and keeps no deviations: the same bits.
        var predicted = new float[x.Length];
        LayerNormalization.Forward(x, predicted, gamma, beta, predicted, default, rows, width, 1e-5f);
        Assert.Equal(y, predicted);

        // The first layer asks for no dx: the parameter gradients are the same as with it.
        var dy = ConvolutionTests.Random(random, x.Length);
        var (withDGamma, withDBeta, withoutDGamma, withoutDBeta) = (new float[width], new float[width], new float[width], new float[width]);
        LayerNormalization.Backward(kept, gamma, inverse, dy, withDGamma, withDBeta, new float[x.Length], rows, width);
        LayerNormalization.Backward(kept, gamma, inverse, dy, withoutDGamma, withoutDBeta, default, rows, width);
        Assert.Equal(withDGamma, withoutDGamma);
        Assert.Equal(withDBeta, withoutDBeta);
    }

    [Fact]
    public void Wrong_lengths_are_refused_with_the_argument_named()
    {
        var exception = Assert.Throws<ArgumentException>(() =>
            LayerNormalization.Forward(new float[8], new float[8], new float[3], new float[4], new float[8], new float[2], 2, 4, 1e-5f));
        Assert.Equal("gamma", exception.ParamName);
    }

    /// <summary>x̂ and sqrt(σ² + ε) of one row, in double precision.</summary>
    private static (double[] Hat, double Deviation) Reference(ReadOnlySpan<float> row, double epsilon)
    {
        double mean = 0;
        foreach (float v in row)
        {
            mean += v;
        }

        mean /= row.Length;
        double variance = 0;
        foreach (float v in row)
        {
            variance += (v - mean) * (v - mean);
        }

        double deviation = Math.Sqrt(variance / row.Length + epsilon);
        var hat = new double[row.Length];
        for (int i = 0; i < row.Length; i++)
        {
            hat[i] = (row[i] - mean) / deviation;
        }

        return (hat, deviation);
    }

    /// <summary>Float32 kernels against a double reference: 1e-4 absolute plus 1e-4 relative.</summary>
    private static void AssertClose(double expected, float actual, string what) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-4 + 1e-4 * Math.Abs(expected), $"{what} = {actual}, expected {expected}.");
}
