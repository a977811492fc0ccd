using System;
using System.Collections.Generic;

namespace Butterfly.Runtime.Tests.Optimizers;

public sealed class AdamTests
{
    [Fact]
    public void Follows_Kingma_and_Ba_2015_algorithm_1()
    {
        // Kingma and Ba 2015, Algorithm 1:
        //   m ← β₁ m + (1 - β₁) g,  v ← β₂ v + (1 - β₂) g²
        //   m̂ = m / (1 - β₁ᵗ),  v̂ = v / (1 - β₂ᵗ)
        //   θ ← θ - α m̂ / (√v̂ + ε)
        const double alpha = 0.01, beta1 = 0.9, beta2 = 0.999, eps = 1e-8;
        var expected = new List<double[]>();
        var theta = (double[])OptimizerRun.Start.Clone();
        var m = new double[theta.Length];
        var v = new double[theta.Length];
        int t = 0;
        foreach (var g in OptimizerRun.Gradients)
        {
            t++;
            for (int i = 0; i < theta.Length; i++)
            {
                m[i] = beta1 * m[i] + (1 - beta1) * g[i];
                v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
                double mHat = m[i] / (1 - Math.Pow(beta1, t));
                double vHat = v[i] / (1 - Math.Pow(beta2, t));
                theta[i] -= alpha * mHat / (Math.Sqrt(vHat) + eps);
            }

            expected.Add((double[])theta.Clone());
        }

        var trace = OptimizerRun.Steps(new Adam(0.01f));

        // By hand, step 1: m̂ = g and v̂ = g², so every coordinate moves α against the sign of its gradient.
        Assert.Equal([0.99f, -1.99f, 0.49f], trace[0], new ToleranceComparer(1e-6f));
        OptimizerRun.AssertMatches(expected, trace);
    }

    [Fact]
    public void Arguments_are_checked()
    {
        Assert.Throws<ArgumentOutOfRangeException>("beta1", () => new Adam(beta1: 1f));
        Assert.Throws<ArgumentOutOfRangeException>("beta2", () => new Adam(beta2: -0.1f));
        Assert.Throws<ArgumentOutOfRangeException>("epsilon", () => new Adam(epsilon: 0f));
    }
}
