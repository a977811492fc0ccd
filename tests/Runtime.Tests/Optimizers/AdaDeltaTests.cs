using System;
using System.Collections.Generic;

namespace Butterfly.Runtime.Tests.Optimizers;

public sealed class AdaDeltaTests
{
    [Fact]
    public void Follows_Zeiler_2012_algorithm_1()
    {
        // Zeiler 2012, Algorithm 1, with RMS[y] = √(E[y²] + ε):
        //   E[g²] ← ρ E[g²] + (1 - ρ) g²
        //   Δx = -(RMS[Δx]_{t-1} / RMS[g]_t) g
        //   E[Δx²] ← ρ E[Δx²] + (1 - ρ) Δx²
        //   x ← x + Δx
        const double rho = 0.95, eps = 1e-6;
        var expected = new List<double[]>();
        var x = (double[])OptimizerRun.Start.Clone();
        var squareGradient = new double[x.Length];
        var squareStep = new double[x.Length];
        foreach (var g in OptimizerRun.Gradients)
        {
            for (int i = 0; i < x.Length; i++)
            {
                squareGradient[i] = rho * squareGradient[i] + (1 - rho) * g[i] * g[i];
                double step = -Math.Sqrt(squareStep[i] + eps) / Math.Sqrt(squareGradient[i] + eps) * g[i];
                squareStep[i] = rho * squareStep[i] + (1 - rho) * step * step;
                x[i] += step;
            }

            expected.Add((double[])x.Clone());
        }

        var trace = OptimizerRun.Steps(new AdaDelta(1f, rho: 0.95f, epsilon: 1e-6f));

        // By hand, step 1, first coordinate: E[g²] = 0.05 · 0.25 = 0.0125,
        // Δx = -√1e-6 / √(0.0125 + 1e-6) · 0.5 ≈ -0.00447195.
        Assert.Equal(1 - 0.001 / Math.Sqrt(0.012501) * 0.5, trace[0][0], 1e-7);
        OptimizerRun.AssertMatches(expected, trace, tolerance: 1e-6);
    }

    [Fact]
    public void A_learning_rate_scales_the_step_but_not_the_running_mean_of_steps()
    {
        // η multiplies Δx when it is applied; E[Δx²] still accumulates the paper's Δx, so with η = 0.5 every move
        // is half of the paper's.
        var paper = OptimizerRun.Steps(new AdaDelta(1f));
        var half = OptimizerRun.Steps(new AdaDelta(0.5f));
        for (int step = 0; step < paper.Count; step++)
        {
            for (int i = 0; i < 3; i++)
            {
                double previousPaper = step == 0 ? OptimizerRun.Start[i] : paper[step - 1][i];
                double previousHalf = step == 0 ? OptimizerRun.Start[i] : half[step - 1][i];
                Assert.Equal((paper[step][i] - previousPaper) / 2, half[step][i] - previousHalf, 1e-6);
            }
        }
    }
}
