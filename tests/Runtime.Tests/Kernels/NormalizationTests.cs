using System;
using Butterfly.Kernels;

namespace Butterfly.Runtime.Tests.Kernels;

/// <summary>Batch and local response normalization against their formulas, computed directly in double precision.</summary>
public sealed class NormalizationTests
{
    [Fact]
    public void Batch_normalization_uses_batch_statistics_in_training_and_running_averages_in_inference()
    {
        const int batch = 4, channels = 3, positions = 5;
        var random = new SeededRandom(3);
        var x = ConvolutionTests.Random(random, batch * channels * positions);
        var gamma = new[] { 1.5f, -0.5f, 2f };
        var beta = new[] { 0.1f, 0.2f, -0.3f };
        var runningMean = new[] { 0.5f, 0f, -0.5f };
        var runningVariance = new[] { 1f, 2f, 0.5f };
        var y = new float[x.Length];
        var normalized = new float[x.Length];
        var inverse = new float[channels];

        BatchNormalization.Forward(x, y, gamma, beta, runningMean, runningVariance, normalized, inverse, batch, channels, positions, 0.1f, 1e-5f, training: true);

        var expectedMean = new[] { 0.5f, 0f, -0.5f };
        var expectedVariance = new[] { 1f, 2f, 0.5f };
        for (int c = 0; c < channels; c++)
        {
            double sum = 0, squares = 0;
            for (int n = 0; n < batch; n++)
            {
                for (int p = 0; p < positions; p++)
                {
                    double v = x[(n * channels + c) * positions + p];
                    sum += v;
                    squares += v * v;
                }
            }

            int count = batch * positions;
            double mean = sum / count, variance = squares / count - mean * mean;
            for (int n = 0; n < batch; n++)
            {
                for (int p = 0; p < positions; p++)
                {
                    int at = (n * channels + c) * positions + p;
                    Assert.Equal(gamma[c] * (x[at] - mean) / Math.Sqrt(variance + 1e-5) + beta[c], y[at], 4);
                }
            }

            Assert.Equal(0.9 * expectedMean[c] + 0.1 * mean, runningMean[c], 5);
            Assert.Equal(0.9 * expectedVariance[c] + 0.1 * variance * count / (count - 1), runningVariance[c], 5);
        }

        var sample = x.AsSpan(0, channels * positions).ToArray();
        var inferred = new float[sample.Length];
        BatchNormalization.Infer(sample, inferred, gamma, beta, runningMean, runningVariance, channels, positions, 1e-5f);
        for (int c = 0; c < channels; c++)
        {
            for (int p = 0; p < positions; p++)
            {
                int at = c * positions + p;
                Assert.Equal(gamma[c] * (sample[at] - runningMean[c]) / Math.Sqrt(runningVariance[c] + 1e-5) + beta[c], inferred[at], 4);
            }
        }
    }

    [Fact]
    public void Local_response_normalization_matches_its_formula()
    {
        const int samples = 2, channels = 5, positions = 3, size = 3;
        const float alpha = 0.7f, beta = 0.75f, k = 1.5f;
        var random = new SeededRandom(4);
        var x = ConvolutionTests.Random(random, samples * channels * positions);
        var y = new float[x.Length];
        var scale = new float[x.Length];
        LocalResponseNormalization.Forward(x, y, scale, samples, channels, positions, size, alpha, beta, k);
        for (int n = 0; n < samples; n++)
        {
            for (int c = 0; c < channels; c++)
            {
                for (int p = 0; p < positions; p++)
                {
                    double sum = 0;
                    for (int other = Math.Max(0, c - 1); other <= Math.Min(channels - 1, c + 1); other++)
                    {
                        double v = x[(n * channels + other) * positions + p];
                        sum += v * v;
                    }

                    int at = (n * channels + c) * positions + p;
                    Assert.Equal(x[at] / Math.Pow(k + alpha / size * sum, beta), y[at], 5);
                }
            }
        }
    }

    [Fact]
    public void Local_contrast_normalization_matches_its_formula()
    {
        const int channels = 2, height = 5, width = 4, size = 3;
        var random = new SeededRandom(6);
        var x = ConvolutionTests.Random(random, channels * height * width);
        var y = new float[x.Length];
        int area = height * width;
        LocalContrastNormalization.Forward(x, y, new float[x.Length], new float[area], new float[area], new float[2 * area], 1, channels, height, width, size);

        var g = new float[size];
        LocalContrastNormalization.Gaussian(g);
        double Window(Func<int, int, int, double> value, int i, int j)
        {
            double total = 0;
            for (int c = 0; c < channels; c++)
            {
                for (int p = 0; p < size; p++)
                {
                    for (int q = 0; q < size; q++)
                    {
                        int row = i + p - size / 2, column = j + q - size / 2;
                        if (row >= 0 && row < height && column >= 0 && column < width)
                        {
                            total += g[p] * g[q] * value(c, row, column) / channels;
                        }
                    }
                }
            }

            return total;
        }

        var v = new double[x.Length];
        for (int c = 0; c < channels; c++)
        {
            for (int i = 0; i < height; i++)
            {
                for (int j = 0; j < width; j++)
                {
                    v[(c * height + i) * width + j] = x[(c * height + i) * width + j] - Window((c2, r, q) => x[(c2 * height + r) * width + q], i, j);
                }
            }
        }

        var sigma = new double[area];
        for (int i = 0; i < height; i++)
        {
            for (int j = 0; j < width; j++)
            {
                sigma[i * width + j] = Math.Sqrt(Window((c2, r, q) => v[(c2 * height + r) * width + q] * v[(c2 * height + r) * width + q], i, j));
            }
        }

        double mean = System.Linq.Enumerable.Average(sigma);
        for (int c = 0; c < channels; c++)
        {
            for (int k = 0; k < area; k++)
            {
                Assert.Equal(v[c * area + k] / Math.Max(mean, sigma[k]), y[c * area + k], 4);
            }
        }
    }
}
