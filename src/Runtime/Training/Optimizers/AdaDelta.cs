using System;
using System.Globalization;
using System.Numerics.Tensors;

namespace Butterfly;

/// <summary>
/// AdaDelta (Zeiler 2012, Algorithm 1): the step is the gradient scaled by the ratio of two running root mean
/// squares, of past steps and of past gradients, so the units of the step match the units of the parameter and
/// the paper needs no learning rate.
/// <code>
/// E[g²]  = ρ E[g²] + (1 - ρ) g²
/// Δx     = -(√(E[Δx²] + ε) / √(E[g²] + ε)) g
/// E[Δx²] = ρ E[Δx²] + (1 - ρ) Δx²
/// x      = x + η Δx
/// </code>
/// η is 1 in the paper; it is kept (as PyTorch does) so schedules can scale the step.
/// </summary>
public sealed class AdaDelta : Optimizer
{
    /// <summary>Creates the optimizer.</summary>
    /// <param name="learningRate">η, positive; 1 is the paper's rule.</param>
    /// <param name="rho">ρ, the decay of both running means, in [0, 1); the paper uses 0.95.</param>
    /// <param name="epsilon">ε, positive; the paper uses 1e-6. It also sets the size of the first steps.</param>
    public AdaDelta(float learningRate = 1f, float rho = 0.95f, float epsilon = 1e-6f)
        : base(learningRate, stateBuffers: 2, scratchBuffers: 2)
    {
        Rho = OptimizerArguments.Decay(rho, nameof(rho));
        Epsilon = OptimizerArguments.Positive(epsilon, nameof(epsilon));
    }

    /// <summary>ρ.</summary>
    public float Rho { get; }

    /// <summary>ε.</summary>
    public float Epsilon { get; }

    /// <inheritdoc/>
    public override string Name => "adadelta";

    /// <inheritdoc/>
    public override string Description => string.Create(CultureInfo.InvariantCulture, $"adadelta(rho {Rho:R}, epsilon {Epsilon:R})");

    /// <inheritdoc/>
    protected override void Update(Span<float> parameters, ReadOnlySpan<float> gradients, ReadOnlySpan<ParameterBlock> blocks)
    {
        var meanSquareGradient = State(0);
        var meanSquareStep = State(1);
        var rmsGradient = Scratch(0);
        var step = Scratch(1);

        TensorPrimitives.Multiply(gradients, gradients, rmsGradient);
        TensorPrimitives.Lerp(rmsGradient, meanSquareGradient, Rho, meanSquareGradient);
        TensorPrimitives.Add(meanSquareGradient, Epsilon, rmsGradient);
        TensorPrimitives.Sqrt(rmsGradient, rmsGradient);
        TensorPrimitives.Add(meanSquareStep, Epsilon, step);
        TensorPrimitives.Sqrt(step, step);
        TensorPrimitives.Divide(step, rmsGradient, step);

        // step holds -Δx = (RMS[Δx] / RMS[g]) g; its square is Δx².
        TensorPrimitives.Multiply(step, gradients, step);
        TensorPrimitives.Multiply(step, step, rmsGradient);
        TensorPrimitives.Lerp(rmsGradient, meanSquareStep, Rho, meanSquareStep);
        TensorPrimitives.MultiplyAdd(step, -LearningRate, parameters, parameters);
    }
}
