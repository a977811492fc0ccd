using System;

namespace Butterfly.Runtime.Tests.Optimizers;

public sealed class RegularizationTests
{
    private static readonly ParameterBlock[] Blocks = [new("w", 0, 3, ParameterRole.Weight), new("b", 3, 2, ParameterRole.Bias)];

    /// <summary>One plain SGD step with η = 1, so the parameters move by exactly the gradient the rule saw.</summary>
    private static float[] EffectiveGradient(Optimizer optimizer, float[] parameters, float[] gradients)
    {
        var after = (float[])parameters.Clone();
        optimizer.Step(after, gradients, Blocks);
        var effective = new float[parameters.Length];
        for (int i = 0; i < effective.Length; i++)
        {
            effective[i] = parameters[i] - after[i];
        }

        return effective;
    }

    [Fact]
    public void Weight_decay_adds_lambda_w_to_weights_only()
    {
        // L = (λ/2) ‖w‖² adds λ w to the gradient of each weight; biases are left alone by default.
        var sgd = new Sgd(1f) { Regularization = Regularization.WeightDecay(0.1f) };
        float[] w = [1f, -2f, 0f, 3f, -4f];
        float[] g = [0.5f, 0.5f, 0.5f, 0.5f, 0.5f];
        Assert.Equal([0.6f, 0.3f, 0.5f, 0.5f, 0.5f], EffectiveGradient(sgd, w, g), new ToleranceComparer(1e-6f));
    }

    [Fact]
    public void L1_adds_lambda_sign_w_and_nothing_at_zero()
    {
        // L = λ ‖w‖₁ adds λ sign(w), with the subgradient 0 at w = 0.
        var sgd = new Sgd(1f) { Regularization = new Regularization { Weights = new Penalty(L1: 0.25f) } };
        float[] w = [1f, -2f, 0f, 3f, -4f];
        Assert.Equal([0.25f, -0.25f, 0f, 0f, 0f], EffectiveGradient(sgd, w, new float[5]));
    }

    [Fact]
    public void L1_is_right_on_long_vectors_too()
    {
        // Long enough for the vector loop and its scalar tail.
        var sgd = new Sgd(1f) { Regularization = new Regularization { Weights = new Penalty(L1: 0.5f) } };
        var w = new float[37];
        for (int i = 0; i < w.Length; i++)
        {
            w[i] = (i % 3) - 1;
        }

        var after = (float[])w.Clone();
        sgd.Step(after, new float[37], default);
        for (int i = 0; i < w.Length; i++)
        {
            Assert.Equal(w[i] - 0.5f * MathF.Sign(w[i]), after[i]);
        }
    }

    [Fact]
    public void Each_group_has_its_own_penalty()
    {
        var sgd = new Sgd(1f)
        {
            Regularization = new Regularization { Weights = new Penalty(L2: 0.1f), Biases = new Penalty(L2: 0.5f, L1: 1f) },
        };
        float[] w = [1f, -2f, 0f, 3f, -4f];
        Assert.Equal([0.1f, -0.2f, 0f, 2.5f, -3f], EffectiveGradient(sgd, w, new float[5]), new ToleranceComparer(1e-6f));
    }

    [Fact]
    public void The_network_gradient_is_left_as_backward_computed_it()
    {
        var sgd = new Sgd(1f) { Regularization = Regularization.WeightDecay(0.1f), MaxGradientNorm = 0.1f };
        float[] g = [3f, 4f, 0f, 0f, 0f];
        EffectiveGradient(sgd, [1f, 1f, 1f, 1f, 1f], g);
        Assert.Equal([3f, 4f, 0f, 0f, 0f], g);
    }

    [Fact]
    public void Clipping_scales_the_whole_gradient_to_the_maximum_norm()
    {
        // ‖[3, 4, 0, 0, 0]‖ = 5 > 1: the gradient becomes [0.6, 0.8, 0, 0, 0].
        var sgd = new Sgd(1f) { MaxGradientNorm = 1f };
        Assert.Equal([0.6f, 0.8f, 0f, 0f, 0f], EffectiveGradient(sgd, new float[5], [3f, 4f, 0f, 0f, 0f]), new ToleranceComparer(1e-6f));

        // Below the maximum nothing changes.
        var loose = new Sgd(1f) { MaxGradientNorm = 10f };
        Assert.Equal([3f, 4f, 0f, 0f, 0f], EffectiveGradient(loose, new float[5], [3f, 4f, 0f, 0f, 0f]));
    }

    [Fact]
    public void Clipping_comes_before_the_penalty()
    {
        // As PyTorch's clip_grad_norm_ before an optimizer's weight_decay: clip [3, 4] to [0.6, 0.8], then add λ w.
        var sgd = new Sgd(1f) { MaxGradientNorm = 1f, Regularization = Regularization.WeightDecay(0.1f) };
        Assert.Equal([0.7f, 0.8f, 0f, 0f, 0f], EffectiveGradient(sgd, [1f, 0f, 0f, 5f, 5f], [3f, 4f, 0f, 0f, 0f]), new ToleranceComparer(1e-6f));
    }

    [Fact]
    public void Settings_are_checked_and_described()
    {
        var sgd = new Sgd(0.1f);
        Assert.Throws<ArgumentOutOfRangeException>("MaxGradientNorm", () => sgd.MaxGradientNorm = 0f);
        Assert.Throws<ArgumentOutOfRangeException>("Weights", () => sgd.Regularization = new Regularization { Weights = new Penalty(L2: -1f) });
        Assert.Throws<ArgumentOutOfRangeException>("Biases", () => sgd.Regularization = new Regularization { Biases = new Penalty(L1: float.NaN) });
        sgd.Regularization = Regularization.WeightDecay(0.5f);
        sgd.MaxGradientNorm = 2f;
        Assert.Equal("sgd; regularization weights L2 0.5, L1 0; biases none; max gradient norm 2", sgd.Configuration);
    }
}
