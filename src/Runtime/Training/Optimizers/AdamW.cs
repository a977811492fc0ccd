using System;
using System.Globalization;
using System.Numerics.Tensors;

namespace Butterfly;

/// <summary>
/// AdamW (Loshchilov and Hutter 2019, Algorithm 2): Adam with weight decay decoupled from the gradient, so
/// every weight shrinks by the same fraction per step instead of by an amount that Adam's scaling distorts.
/// <code>
/// w = w - η λ w - η (m / (1 - β₁ᵗ)) / (√(v / (1 - β₂ᵗ)) + ε)
/// </code>
/// The decay is multiplied by the learning rate η, so a schedule scales both terms as the paper's multiplier
/// ηₜ does; the paper's λ is <see cref="WeightDecay"/> times its α. Only weights decay unless
/// <see cref="DecayBiases"/> is set.
/// </summary>
public sealed class AdamW : Optimizer
{
    /// <summary>Creates the optimizer.</summary>
    /// <param name="learningRate">η, positive; 0.001 is usual.</param>
    /// <param name="weightDecay">λ, the fraction of each weight removed per unit of learning rate; not negative.</param>
    /// <param name="beta1">β₁, the decay of the first moment, in [0, 1).</param>
    /// <param name="beta2">β₂, the decay of the second moment, in [0, 1).</param>
    /// <param name="epsilon">ε, positive.</param>
    /// <param name="decayBiases">Whether biases decay too.</param>
    public AdamW(
        float learningRate = 0.001f,
        float weightDecay = 0.01f,
        float beta1 = 0.9f,
        float beta2 = 0.999f,
        float epsilon = 1e-8f,
        bool decayBiases = false)
        : base(learningRate, stateBuffers: 2, scratchBuffers: 1)
    {
        WeightDecay = OptimizerArguments.NotNegative(weightDecay, nameof(weightDecay));
        Beta1 = OptimizerArguments.Decay(beta1, nameof(beta1));
        Beta2 = OptimizerArguments.Decay(beta2, nameof(beta2));
        Epsilon = OptimizerArguments.Positive(epsilon, nameof(epsilon));
        DecayBiases = decayBiases;
    }

    /// <summary>λ.</summary>
    public float WeightDecay { get; }

    /// <summary>β₁.</summary>
    public float Beta1 { get; }

    /// <summary>β₂.</summary>
    public float Beta2 { get; }

    /// <summary>ε.</summary>
    public float Epsilon { get; }

    /// <summary>Whether blocks of role <see cref="ParameterRole.Bias"/> decay too.</summary>
    public bool DecayBiases { get; }

    /// <inheritdoc/>
    public override string Name => "adamw";

    /// <inheritdoc/>
    public override string Description => string.Create(
        CultureInfo.InvariantCulture,
        $"adamw(weight decay {WeightDecay:R}{(DecayBiases ? " with biases" : "")}, beta1 {Beta1:R}, beta2 {Beta2:R}, epsilon {Epsilon:R})");

    /// <inheritdoc/>
    protected override void Update(Span<float> parameters, ReadOnlySpan<float> gradients, ReadOnlySpan<ParameterBlock> blocks)
    {
        if (WeightDecay != 0f)
        {
            // w = (1 - η λ) w, before the Adam term (which does not depend on w, so the order is free).
            float keep = 1f - LearningRate * WeightDecay;
            if (blocks.IsEmpty)
            {
                TensorPrimitives.Multiply(parameters, keep, parameters);
            }
            else
            {
                foreach (var block in blocks)
                {
                    if (block.Role == ParameterRole.Weight || (block.Role == ParameterRole.Bias && DecayBiases))
                    {
                        var slice = parameters.Slice(block.Offset, block.Length);
                        TensorPrimitives.Multiply(slice, keep, slice);
                    }
                }
            }
        }

        AdaptiveMoments.Step(parameters, gradients, State(0), State(1), Scratch(0), LearningRate, Beta1, Beta2, Epsilon, StepCount);
    }
}
