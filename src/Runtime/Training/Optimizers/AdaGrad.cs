using System;
using System.Globalization;
using System.Numerics.Tensors;

namespace Butterfly;

/// <summary>
/// AdaGrad (Duchi, Hazan and Singer 2011), the diagonal form: each parameter's step shrinks with the sum of its
/// squared gradients, so rarely-updated parameters keep large steps.
/// <code>
/// G = G + g²
/// w = w - η g / (√G + ε)
/// </code>
/// </summary>
public sealed class AdaGrad : Optimizer
{
    /// <summary>Creates the optimizer.</summary>
    /// <param name="learningRate">η, positive; 0.01 is usual.</param>
    /// <param name="epsilon">ε (δ in the paper), positive; keeps the first division finite.</param>
    public AdaGrad(float learningRate = 0.01f, float epsilon = 1e-10f)
        : base(learningRate, stateBuffers: 1, scratchBuffers: 1)
    {
        Epsilon = OptimizerArguments.Positive(epsilon, nameof(epsilon));
    }

    /// <summary>ε.</summary>
    public float Epsilon { get; }

    /// <inheritdoc/>
    public override string Name => "adagrad";

    /// <inheritdoc/>
    public override string Description => string.Create(CultureInfo.InvariantCulture, $"adagrad(epsilon {Epsilon:R})");

    /// <inheritdoc/>
    protected override bool SkipsZeroGradients => true;

    /// <inheritdoc/>
    protected override void Update(Span<float> parameters, ReadOnlySpan<float> gradients, ReadOnlySpan<ParameterBlock> blocks)
    {
        var sum = State(0);
        var step = Scratch(0);
        TensorPrimitives.MultiplyAdd(gradients, gradients, sum, sum);
        TensorPrimitives.Sqrt(sum, step);
        TensorPrimitives.Add(step, Epsilon, step);
        TensorPrimitives.Divide(gradients, step, step);
        TensorPrimitives.MultiplyAdd(step, -LearningRate, parameters, parameters);
    }
}
