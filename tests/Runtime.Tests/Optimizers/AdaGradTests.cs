using System;
using System.Collections.Generic;

namespace Butterfly.Runtime.Tests.Optimizers;

public sealed class AdaGradTests
{
    [Fact]
    public void Follows_Duchi_Hazan_Singer_2011()
    {
        // Duchi, Hazan and Singer 2011, the diagonal update: with G = Σ_τ g_τ² per coordinate,
        //   θ ← θ - η g / (δ + √G).
        const double eta = 0.1, delta = 1e-10;
        var expected = new List<double[]>();
        var theta = (double[])OptimizerRun.Start.Clone();
        var sum = new double[theta.Length];
        foreach (var g in OptimizerRun.Gradients)
        {
            for (int i = 0; i < theta.Length; i++)
            {
                sum[i] += g[i] * g[i];
                theta[i] -= eta * g[i] / (delta + Math.Sqrt(sum[i]));
            }

            expected.Add((double[])theta.Clone());
        }

        var trace = OptimizerRun.Steps(new AdaGrad(0.1f, epsilon: 1e-10f));

        // By hand, step 1: √G = |g|, so each coordinate moves η against the sign of its gradient.
        Assert.Equal([0.9f, -1.9f, 0.4f], trace[0], new ToleranceComparer(1e-6f));

        // Step 2, first coordinate: G = 0.25 + 0.0625, θ = 0.9 - 0.1 · 0.25 / √0.3125.
        Assert.Equal(0.9 - 0.025 / Math.Sqrt(0.3125), trace[1][0], 1e-6);
        OptimizerRun.AssertMatches(expected, trace);
    }

    [Fact]
    public void Arguments_are_checked()
    {
        Assert.Throws<ArgumentOutOfRangeException>("learningRate", () => new AdaGrad(-1f));
        Assert.Throws<ArgumentOutOfRangeException>("epsilon", () => new AdaGrad(0.1f, epsilon: 0f));
    }
}
