using System;
using System.Globalization;
using System.Numerics.Tensors;

namespace Butterfly;

/// <summary>
/// RMSProp (Tieleman and Hinton 2012, Coursera lecture 6e): divide the gradient by a running root mean square
/// of recent gradients, so the step size forgets the distant past (unlike AdaGrad's ever-growing sum).
/// <code>
/// s = ρ s + (1 - ρ) g²
/// w = w - η g / (√s + ε)
/// </code>
/// </summary>
public sealed class RmsProp : Optimizer
{
    /// <summary>Creates the optimizer.</summary>
    /// <param name="learningRate">η, positive; 0.001 is usual.</param>
    /// <param name="rho">ρ, the decay of the mean square, in [0, 1); the lecture uses 0.9.</param>
    /// <param name="epsilon">ε, positive; keeps the division finite.</param>
    public RmsProp(float learningRate = 0.001f, float rho = 0.9f, float epsilon = 1e-8f)
        : base(learningRate, stateBuffers: 1, scratchBuffers: 1)
    {
        Rho = OptimizerArguments.Decay(rho, nameof(rho));
        Epsilon = OptimizerArguments.Positive(epsilon, nameof(epsilon));
    }

    /// <summary>ρ.</summary>
    public float Rho { get; }

    /// <summary>ε.</summary>
    public float Epsilon { get; }

    /// <inheritdoc/>
    public override string Name => "rmsprop";

    /// <inheritdoc/>
    public override string Description => string.Create(CultureInfo.InvariantCulture, $"rmsprop(rho {Rho:R}, epsilon {Epsilon:R})");

    /// <inheritdoc/>
    protected override void Update(Span<float> parameters, ReadOnlySpan<float> gradients, ReadOnlySpan<ParameterBlock> blocks)
    {
        var meanSquare = State(0);
        var step = Scratch(0);
        TensorPrimitives.Multiply(gradients, gradients, step);

        // lerp(g², s, ρ) = g² + ρ (s - g²) = ρ s + (1 - ρ) g², in one pass.
        TensorPrimitives.Lerp(step, meanSquare, Rho, meanSquare);
        TensorPrimitives.Sqrt(meanSquare, step);
        TensorPrimitives.Add(step, Epsilon, step);
        TensorPrimitives.Divide(gradients, step, step);
        TensorPrimitives.MultiplyAdd(step, -LearningRate, parameters, parameters);
    }
}
