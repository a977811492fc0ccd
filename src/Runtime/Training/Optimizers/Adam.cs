using System;
using System.Globalization;

namespace Butterfly;

/// <summary>
/// Adam (Kingma and Ba 2015): momentum on the gradient (first moment) divided by the root of a running mean of
/// its square (second moment), both corrected for their start at zero.
/// <code>
/// m = β₁ m + (1 - β₁) g,   v = β₂ v + (1 - β₂) g²
/// w = w - η (m / (1 - β₁ᵗ)) / (√(v / (1 - β₂ᵗ)) + ε)
/// </code>
/// L2 penalties from <see cref="Optimizer.Regularization"/> enter through the gradient and so are divided by
/// √v too; <see cref="AdamW"/> decays the weights directly instead.
/// </summary>
public sealed class Adam : Optimizer
{
    /// <summary>Creates the optimizer with the paper's defaults.</summary>
    /// <param name="learningRate">η (α in the paper), positive; 0.001 is the paper's default.</param>
    /// <param name="beta1">β₁, the decay of the first moment, in [0, 1).</param>
    /// <param name="beta2">β₂, the decay of the second moment, in [0, 1).</param>
    /// <param name="epsilon">ε, positive.</param>
    public Adam(float learningRate = 0.001f, float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-8f)
        : base(learningRate, stateBuffers: 2, scratchBuffers: 1)
    {
        Beta1 = OptimizerArguments.Decay(beta1, nameof(beta1));
        Beta2 = OptimizerArguments.Decay(beta2, nameof(beta2));
        Epsilon = OptimizerArguments.Positive(epsilon, nameof(epsilon));
    }

    /// <summary>β₁.</summary>
    public float Beta1 { get; }

    /// <summary>β₂.</summary>
    public float Beta2 { get; }

    /// <summary>ε.</summary>
    public float Epsilon { get; }

    /// <inheritdoc/>
    public override string Name => "adam";

    /// <inheritdoc/>
    public override string Description =>
        string.Create(CultureInfo.InvariantCulture, $"adam(beta1 {Beta1:R}, beta2 {Beta2:R}, epsilon {Epsilon:R})");

    /// <inheritdoc/>
    protected override void Update(Span<float> parameters, ReadOnlySpan<float> gradients, ReadOnlySpan<ParameterBlock> blocks) =>
        AdaptiveMoments.Step(parameters, gradients, State(0), State(1), Scratch(0), LearningRate, Beta1, Beta2, Epsilon, StepCount);
}
