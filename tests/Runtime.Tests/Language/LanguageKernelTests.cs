using System;
using System.Linq;
using Butterfly.Kernels;

namespace Butterfly.Runtime.Tests.Language;

/// <summary>The embedding and hierarchical-softmax kernels against plain scalar loops over <see cref="ClassTree.Path"/>.</summary>
public sealed class LanguageKernelTests
{
    private const int Hidden = 37; // not a multiple of any vector width, so the tails run too
    private const int Classes = 11;

    [Fact]
    public void Hierarchical_softmax_loss_and_gradients_match_the_scalar_reference()
    {
        var tree = ClassTree.Huffman([90, 1, 7, 30, 2, 2, 15, 4, 60, 8, 3]);
        var random = new SeededRandom(21);
        float[] hidden = Gaussians(random, 4 * Hidden), weights = Gaussians(random, (Classes - 1) * Hidden), bias = Gaussians(random, Classes - 1);
        int[] labels = [1, 8, 0, 10];
        var block = new float[2 * Classes - 2];
        tree.CopyTo(block);

        // Reference: loss and gradients in double, one decision at a time.
        double loss = 0;
        var dh = new double[hidden.Length];
        var dw = new double[weights.Length];
        var db = new double[bias.Length];
        for (int b = 0; b < labels.Length; b++)
        {
            foreach (var (node, right) in tree.Path(labels[b]))
            {
                double s = bias[node];
                for (int i = 0; i < Hidden; i++)
                {
                    s += (double)hidden[b * Hidden + i] * weights[node * Hidden + i];
                }

                double sigma = 1 / (1 + Math.Exp(-s));
                loss -= Math.Log(right ? 1 - sigma : sigma) / labels.Length;
                double g = (sigma - (right ? 0 : 1)) / labels.Length;
                for (int i = 0; i < Hidden; i++)
                {
                    dh[b * Hidden + i] += g * weights[node * Hidden + i];
                    dw[node * Hidden + i] += g * hidden[b * Hidden + i];
                }

                db[node] += g;
            }
        }

        Assert.Equal(loss, HierarchicalSoftmax.Loss(hidden, labels, block, weights, bias, Hidden, Classes), 4);
        var hiddenGradient = new float[hidden.Length];
        var weightGradient = new float[weights.Length];
        var biasGradient = new float[bias.Length];
        var rows = new TouchedRows(Classes - 1);
        HierarchicalSoftmax.LossBackward(hidden, labels, block, weights, bias, hiddenGradient, weightGradient, biasGradient, rows, Hidden, Classes);
        AssertClose(dh, hiddenGradient);
        AssertClose(dw, weightGradient);
        AssertClose(db, biasGradient);
        var used = labels.SelectMany(l => tree.Path(l)).Select(d => d.InnerNode).Distinct().Order().ToArray();
        Assert.Equal(used, rows.Rows.ToArray().Order().ToArray());

        // A second call zeroes the first call's rows before adding: the same result, not twice it.
        HierarchicalSoftmax.LossBackward(hidden, labels, block, weights, bias, hiddenGradient, weightGradient, biasGradient, rows, Hidden, Classes);
        AssertClose(dw, weightGradient);
    }

    [Fact]
    public void Distribution_matches_the_product_along_each_path()
    {
        var tree = ClassTree.Huffman([5, 1, 1, 9, 2, 40, 3, 3, 1, 6, 2]);
        var random = new SeededRandom(4);
        float[] hidden = Gaussians(random, 2 * Hidden), weights = Gaussians(random, (Classes - 1) * Hidden), bias = Gaussians(random, Classes - 1);
        var block = new float[2 * Classes - 2];
        tree.CopyTo(block);
        var output = new float[2 * Classes];
        HierarchicalSoftmax.Distribution(hidden, block, weights, bias, new float[2 * (Classes - 1)], new float[2 * (Classes - 1)], output, 2, Hidden, Classes);
        for (int b = 0; b < 2; b++)
        {
            for (int c = 0; c < Classes; c++)
            {
                double p = 1;
                foreach (var (node, right) in tree.Path(c))
                {
                    double s = bias[node];
                    for (int i = 0; i < Hidden; i++)
                    {
                        s += (double)hidden[b * Hidden + i] * weights[node * Hidden + i];
                    }

                    p *= 1 / (1 + Math.Exp(right ? s : -s));
                }

                Assert.Equal(p, output[b * Classes + c], 5);
            }
        }
    }

    [Fact]
    public void Embedding_gathers_rows_and_adds_gradients_to_the_rows_read()
    {
        var random = new SeededRandom(8);
        float[] table = Gaussians(random, 6 * 5);
        int[] tokens = [4, 0, 4, 2];
        var output = new float[4 * 5];
        Embedding.Gather(tokens, table, output, 5);
        for (int p = 0; p < 4; p++)
        {
            Assert.Equal(table.AsSpan(tokens[p] * 5, 5).ToArray(), output.AsSpan(p * 5, 5).ToArray());
        }

        float[] dy = Gaussians(random, 4 * 5);
        var gradient = new float[6 * 5];
        var rows = new TouchedRows(6);
        Embedding.ScatterAdd(tokens, dy, gradient, rows, 5);
        var expected = new float[6 * 5];
        for (int p = 0; p < 4; p++)
        {
            for (int d = 0; d < 5; d++)
            {
                expected[tokens[p] * 5 + d] += dy[p * 5 + d];
            }
        }

        Assert.Equal(expected, gradient);
        Assert.Equal([4, 0, 2], rows.Rows.ToArray());

        Embedding.ScatterAdd([1], dy.AsSpan(0, 5), gradient, rows, 5);
        Assert.Equal(dy.AsSpan(0, 5).ToArray(), gradient.AsSpan(5, 5).ToArray());
        Assert.Equal(30 - 5, gradient.Count(v => v == 0f));
    }

    private static float[] Gaussians(SeededRandom random, int count) => Enumerable.Range(0, count).Select(_ => random.NextGaussian()).ToArray();

    private static void AssertClose(double[] expected, float[] actual)
    {
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-5 + 1e-4 * Math.Abs(expected[i]), $"[{i}]: {expected[i]} vs {actual[i]}");
        }
    }
}
