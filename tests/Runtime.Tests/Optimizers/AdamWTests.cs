using System;
using System.Collections.Generic;

namespace Butterfly.Runtime.Tests.Optimizers;

public sealed class AdamWTests
{
    [Fact]
    public void Follows_Loshchilov_and_Hutter_2019_algorithm_2()
    {
        // Loshchilov and Hutter 2019, Algorithm 2 (AdamW), with schedule multiplier ηₜ = 1:
        //   m, v, m̂, v̂ as in Adam
        //   θ ← θ - ηₜ (α m̂ / (√v̂ + ε) + λ θ)
        // The optimizer multiplies its decay by the learning rate α, so the paper's λ is WeightDecay · α.
        // Parameters 0 and 1 are a weight block, parameter 2 a bias block, which does not decay by default.
        const double alpha = 0.01, beta1 = 0.9, beta2 = 0.999, eps = 1e-8, weightDecay = 0.5;
        const double lambda = weightDecay * alpha;
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
                double decay = i < 2 ? lambda * theta[i] : 0;
                theta[i] -= alpha * mHat / (Math.Sqrt(vHat) + eps) + decay;
            }

            expected.Add((double[])theta.Clone());
        }

        ParameterBlock[] blocks = [new("dense.weights", 0, 2, ParameterRole.Weight), new("dense.bias", 2, 1, ParameterRole.Bias)];
        var trace = OptimizerRun.Steps(new AdamW(0.01f, weightDecay: 0.5f), blocks);

        // By hand, step 1: θ₀ = 1 moves by α (Adam's first step) plus λ θ₀ = 0.005: 1 - 0.01 - 0.005 = 0.985.
        Assert.Equal(0.985f, trace[0][0], 1e-6f);
        Assert.Equal(0.49f, trace[0][2], 1e-6f);
        OptimizerRun.AssertMatches(expected, trace);
    }

    [Fact]
    public void Biases_decay_when_asked()
    {
        ParameterBlock[] blocks = [new("b", 0, 3, ParameterRole.Bias)];
        var without = OptimizerRun.Steps(new AdamW(0.01f, weightDecay: 0.5f), blocks);
        var with = OptimizerRun.Steps(new AdamW(0.01f, weightDecay: 0.5f, decayBiases: true), blocks);
        var adam = OptimizerRun.Steps(new Adam(0.01f));
        Assert.Equal(adam[2], without[2]);
        Assert.Equal(1 - 0.01 - 0.005, with[0][0], 1e-6);
    }

    [Fact]
    public void Arguments_are_checked() =>
        Assert.Throws<ArgumentOutOfRangeException>("weightDecay", () => new AdamW(weightDecay: -1f));
}
