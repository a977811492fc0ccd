using System;
using System.Numerics.Tensors;

namespace Butterfly;

/// <summary>
/// Stochastic gradient descent, optionally with momentum (Polyak 1964) in the form PyTorch uses:
/// <c>v = μ v + g</c>, <c>w = w - η v</c>; with <see cref="Nesterov"/>, <c>w = w - η (g + μ v)</c>.
/// </summary>
public sealed class Sgd : Optimizer
{
    private float[]? _velocity;

    /// <summary>Creates the optimizer.</summary>
    /// <param name="learningRate">η, positive.</param>
    /// <param name="momentum">μ in [0, 1); 0 is plain SGD.</param>
    /// <param name="nesterov">Whether to use Nesterov's look-ahead form.</param>
    public Sgd(float learningRate, float momentum = 0f, bool nesterov = false)
        : base(learningRate)
    {
        if (!(momentum >= 0f && momentum < 1f))
        {
            throw new ArgumentOutOfRangeException(nameof(momentum), momentum, "momentum must be in [0, 1).");
        }

        if (nesterov && momentum == 0f)
        {
            throw new ArgumentException("Nesterov momentum needs a momentum above 0.", nameof(nesterov));
        }

        Momentum = momentum;
        Nesterov = nesterov;
    }

    /// <summary>μ.</summary>
    public float Momentum { get; }

    /// <summary>Whether the update looks ahead along the velocity.</summary>
    public bool Nesterov { get; }

    /// <inheritdoc/>
    protected override void Update(Span<float> parameters, ReadOnlySpan<float> gradients, ReadOnlySpan<ParameterBlock> blocks)
    {
        float rate = LearningRate;
        if (Momentum == 0f)
        {
            TensorPrimitives.MultiplyAdd(gradients, -rate, parameters, parameters);
            return;
        }

        if (_velocity is null || _velocity.Length != parameters.Length)
        {
            _velocity = new float[parameters.Length];
        }

        var velocity = _velocity.AsSpan();
        TensorPrimitives.MultiplyAdd(velocity, Momentum, gradients, velocity);
        if (Nesterov)
        {
            TensorPrimitives.MultiplyAdd(velocity, -rate * Momentum, parameters, parameters);
            TensorPrimitives.MultiplyAdd(gradients, -rate, parameters, parameters);
        }
        else
        {
            TensorPrimitives.MultiplyAdd(velocity, -rate, parameters, parameters);
        }
    }
}
