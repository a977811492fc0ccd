using System;
using System.Linq;
using Butterfly.Kernels;

namespace Butterfly.Runtime.Tests.Kernels;

/// <summary>
/// Log-softmax, its backward rule and its fused loss against scalar references in double precision: rows of several
/// widths (the vector lanes and the stack buffer's chunks of 256), large and widely spread logits, in place.
/// </summary>
public sealed class LogSoftmaxTests
{
    [Theory]
    [InlineData(1, 1, 1f)]
    [InlineData(3, 10, 4f)]
    [InlineData(2, 17, 60f)]
    [InlineData(2, 700, 8f)]
    public void Log_softmax_rows_match_the_scalar_reference(int rows, int width, float spread)
    {
        var (x, dy) = RandomRows(rows, width, spread, seed: width);
        var y = new float[x.Length];
        var dx = new float[x.Length];
        Activations.LogSoftmaxRows(x, y, rows, width);
        Activations.LogSoftmaxRowsBackward(y, dy, dx, rows, width);
        for (int r = 0; r < rows; r++)
        {
            var row = x.AsSpan(r * width, width).ToArray().Select(v => (double)v).ToArray();
            double max = row.Max();
            double logSum = max + Math.Log(row.Sum(v => Math.Exp(v - max)));
            double dySum = Enumerable.Range(0, width).Sum(i => (double)dy[r * width + i]);
            for (int i = 0; i < width; i++)
            {
                double expected = row[i] - logSum;
                Assert.True(Math.Abs(y[r * width + i] - expected) <= 2e-6 * (1 + Math.Abs(expected)), $"y[{r}, {i}] = {y[r * width + i]}, expected {expected}.");

                // dx_j = dy_j - p_j Σ_i dy_i with p = e^y: the Jacobian ∂y_i/∂x_j = δ_ij - p_j, transposed.
                double expectedDx = dy[r * width + i] - Math.Exp(expected) * dySum;
                Assert.True(Math.Abs(dx[r * width + i] - expectedDx) <= 1e-5, $"dx[{r}, {i}] = {dx[r * width + i]}, expected {expectedDx}.");
            }
        }
    }

    [Fact]
    public void Log_softmax_in_place_gives_the_same_bits()
    {
        var (x, _) = RandomRows(1, 600, 5f, seed: 3);
        var y = new float[x.Length];
        Activations.LogSoftmax(x, y);
        Activations.LogSoftmax(x, x);
        Assert.Equal(y, x);
    }

    [Fact]
    public void Log_softmax_keeps_a_finite_log_probability_where_softmax_underflows()
    {
        float[] x = [0f, -200f, 100f];
        var y = new float[3];
        var p = new float[3];
        Activations.LogSoftmax(x, y);
        Activations.Softmax(x, p);
        Assert.Equal(0f, p[1]);
        Assert.Equal(-300f, y[1], 3);
        Assert.Equal(0f, y[2], 6);
    }

    [Fact]
    public void Fused_loss_equals_softmax_cross_entropy_and_its_gradient()
    {
        const int batch = 4, classes = 9;
        var (logits, _) = RandomRows(batch, classes, 3f, seed: 9);
        int[] labels = [0, 8, 3, 3];
        var logProbabilities = new float[logits.Length];
        var probabilities = new float[logits.Length];
        Activations.LogSoftmaxRows(logits, logProbabilities, batch, classes);
        Activations.SoftmaxRows(logits, probabilities, batch, classes);

        var logGradient = new float[logits.Length];
        var softmaxGradient = new float[logits.Length];
        float loss = Losses.LogSoftmaxCrossEntropy(logProbabilities, labels, logGradient, classes);
        float reference = Losses.SoftmaxCrossEntropy(probabilities, labels, softmaxGradient, classes);

        double expected = 0;
        for (int b = 0; b < batch; b++)
        {
            var row = logits.AsSpan(b * classes, classes).ToArray().Select(v => (double)v).ToArray();
            double max = row.Max();
            expected -= row[labels[b]] - max - Math.Log(row.Sum(v => Math.Exp(v - max)));
        }

        expected /= batch;
        Assert.Equal(expected, loss, 5);
        Assert.Equal(reference, loss, 5);
        for (int i = 0; i < logits.Length; i++)
        {
            Assert.True(Math.Abs(softmaxGradient[i] - logGradient[i]) <= 1e-6, $"dz[{i}] = {logGradient[i]}, softmax's {softmaxGradient[i]}.");
        }

        Assert.Equal(loss, Losses.LogSoftmaxCrossEntropy(logProbabilities, labels, default, classes));
    }

    [Fact]
    public void Fused_loss_refuses_a_label_outside_the_classes()
    {
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => Losses.LogSoftmaxCrossEntropy(new float[6], [0, 3], default, 3));
        Assert.Equal("labels", exception.ParamName);
    }

    private static (float[] X, float[] Dy) RandomRows(int rows, int width, float spread, int seed)
    {
        var random = new Random(seed);
        var x = new float[rows * width];
        var dy = new float[rows * width];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = (float)((random.NextDouble() * 2 - 1) * spread) + 20f;
            dy[i] = (float)(random.NextDouble() * 2 - 1);
        }

        return (x, dy);
    }
}
