using System;
using System.Collections.Generic;

namespace Butterfly.Runtime.Tests.Optimizers;

public sealed class SgdTests
{
    [Fact]
    public void Plain_sgd_steps_against_the_gradient()
    {
        // θ ← θ - η g. By hand, η = 0.1: [1, -2, 0.5] - 0.1 [0.5, -1, 2] = [0.95, -1.9, 0.3].
        var trace = OptimizerRun.Steps(new Sgd(0.1f));
        Assert.Equal([0.95f, -1.9f, 0.3f], trace[0], new ToleranceComparer(1e-6f));

        var expected = new List<double[]>();
        var theta = (double[])OptimizerRun.Start.Clone();
        foreach (var g in OptimizerRun.Gradients)
        {
            for (int i = 0; i < theta.Length; i++)
            {
                theta[i] -= 0.1 * g[i];
            }

            expected.Add((double[])theta.Clone());
        }

        OptimizerRun.AssertMatches(expected, trace);
    }

    [Fact]
    public void Momentum_follows_classical_momentum()
    {
        // Sutskever, Martens, Dahl and Hinton 2013, eq. (1)-(2) (Polyak's heavy ball):
        //   v ← μ v - ε ∇f(θ),  θ ← θ + v.
        // By hand, step 1 (v = 0): v = -0.1 g, θ = [0.95, -1.9, 0.3]; step 2: v = 0.9 v - 0.1 g.
        const double mu = 0.9, eps = 0.1;
        var expected = new List<double[]>();
        var theta = (double[])OptimizerRun.Start.Clone();
        var v = new double[theta.Length];
        foreach (var g in OptimizerRun.Gradients)
        {
            for (int i = 0; i < theta.Length; i++)
            {
                v[i] = mu * v[i] - eps * g[i];
                theta[i] += v[i];
            }

            expected.Add((double[])theta.Clone());
        }

        var trace = OptimizerRun.Steps(new Sgd(0.1f, momentum: 0.9f));
        Assert.Equal([0.95f, -1.9f, 0.3f], trace[0], new ToleranceComparer(1e-6f));
        Assert.Equal(0.95 - 0.9 * 0.05 - 0.025, trace[1][0], 1e-6);
        OptimizerRun.AssertMatches(expected, trace);
    }

    [Fact]
    public void Nesterov_follows_Sutskever_et_al_on_a_quadratic()
    {
        // Sutskever et al. 2013, eq. (3)-(4): the gradient is taken at the look-ahead point θ + μ v:
        //   v ← μ v - ε ∇f(θ + μ v),  θ ← θ + v.
        // The optimizer holds φ = θ + μ v (where the gradient is taken) instead of θ, so on
        // f(x) = ½ Σ aᵢ xᵢ² (∇f = a ⊙ x) its parameters must equal θ + μ v after every step.
        double[] a = [1.0, 4.0, 0.25];
        const double mu = 0.9, eps = 0.1;
        var theta = (double[])OptimizerRun.Start.Clone();
        var v = new double[theta.Length];
        var optimizer = new Sgd((float)eps, momentum: (float)mu, nesterov: true);
        var phi = Array.ConvertAll(OptimizerRun.Start, x => (float)x);
        var gradient = new float[phi.Length];
        for (int step = 1; step <= 5; step++)
        {
            for (int i = 0; i < theta.Length; i++)
            {
                v[i] = mu * v[i] - eps * a[i] * (theta[i] + mu * v[i]);
                theta[i] += v[i];
                gradient[i] = (float)(a[i] * phi[i]);
            }

            optimizer.Step(phi, gradient, default);
            for (int i = 0; i < theta.Length; i++)
            {
                Assert.Equal(theta[i] + mu * v[i], phi[i], 1e-5);
            }
        }

        // By hand, step 1 from v = 0: φ = θ₀ - ε g (1 + μ) = 1 - 0.1 · 1 · 1.9 = 0.81 for the first coordinate.
        var first = new Sgd(0.1f, momentum: 0.9f, nesterov: true);
        float[] x = [1f];
        first.Step(x, [1f], default);
        Assert.Equal(0.81f, x[0], 1e-6f);
    }

    [Fact]
    public void Arguments_are_checked()
    {
        Assert.Throws<ArgumentOutOfRangeException>("learningRate", () => new Sgd(0f));
        Assert.Throws<ArgumentOutOfRangeException>("momentum", () => new Sgd(0.1f, momentum: 1f));
        Assert.Throws<ArgumentException>("nesterov", () => new Sgd(0.1f, nesterov: true));
        Assert.Throws<ArgumentException>("gradients", () => new Sgd(0.1f).Step(new float[2], new float[3], default));
    }
}
