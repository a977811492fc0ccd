using System;
using System.Collections.Generic;

namespace Butterfly.Runtime.Tests.Optimizers;

public sealed class RmsPropTests
{
    [Fact]
    public void Follows_Tieleman_and_Hinton_2012()
    {
        // Tieleman and Hinton 2012, lecture 6e:
        //   MeanSquare ← 0.9 MeanSquare + 0.1 g²,  θ ← θ - η g / √MeanSquare  (ε added to the root for safety).
        const double eta = 0.01, rho = 0.9, eps = 1e-8;
        var expected = new List<double[]>();
        var theta = (double[])OptimizerRun.Start.Clone();
        var meanSquare = new double[theta.Length];
        foreach (var g in OptimizerRun.Gradients)
        {
            for (int i = 0; i < theta.Length; i++)
            {
                meanSquare[i] = rho * meanSquare[i] + (1 - rho) * g[i] * g[i];
                theta[i] -= eta * g[i] / (Math.Sqrt(meanSquare[i]) + eps);
            }

            expected.Add((double[])theta.Clone());
        }

        var trace = OptimizerRun.Steps(new RmsProp(0.01f, rho: 0.9f, epsilon: 1e-8f));

        // By hand, step 1: √(0.1 g²) = |g| / √10, so each coordinate moves η √10 ≈ 0.0316228 against its gradient.
        double move = 0.01 * Math.Sqrt(10);
        Assert.Equal(1 - move, trace[0][0], 1e-6);
        Assert.Equal(-2 + move, trace[0][1], 1e-6);
        OptimizerRun.AssertMatches(expected, trace);
    }

    [Fact]
    public void Arguments_are_checked()
    {
        Assert.Throws<ArgumentOutOfRangeException>("rho", () => new RmsProp(0.01f, rho: 1f));
        Assert.Throws<ArgumentOutOfRangeException>("epsilon", () => new RmsProp(0.01f, epsilon: float.NaN));
    }
}
