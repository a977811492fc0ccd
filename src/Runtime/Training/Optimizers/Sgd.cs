using System;
using System.Globalization;

namespace Butterfly;

/// <summary>
/// Stochastic gradient descent, optionally with momentum, in the form PyTorch uses:
/// <c>v = μ v + g</c>, <c>w = w - η v</c>. With a constant η this is classical momentum (Polyak 1964;
/// Sutskever et al. 2013, eq. 1) with velocity <c>-η v</c>. With <see cref="Nesterov"/>,
/// <c>w = w - η (g + μ v)</c>: Sutskever et al.'s Nesterov accelerated gradient (eq. 3-4), rewritten so the
/// parameters held are the look-ahead point <c>θ + μ v</c> where the gradient is taken.
/// </summary>
public sealed class Sgd : Optimizer
{
    /// <summary>Creates the optimizer.</summary>
    /// <param name="learningRate">η, positive.</param>
    /// <param name="momentum">μ in [0, 1); 0 is plain SGD.</param>
    /// <param name="nesterov">Whether to use Nesterov's look-ahead form.</param>
    public Sgd(float learningRate, float momentum = 0f, bool nesterov = false)
        : base(learningRate, stateBuffers: CheckMomentum(momentum) == 0f ? 0 : 1)
    {
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
    public override string Name => Nesterov ? "nesterov" : Momentum == 0f ? "sgd" : "momentum";

    /// <inheritdoc/>
    public override string Description =>
        Momentum == 0f ? "sgd" : string.Create(CultureInfo.InvariantCulture, $"{Name}(momentum {Momentum:R})");

    /// <inheritdoc/>
    protected override bool SkipsZeroGradients => Momentum == 0f;

    /// <inheritdoc/>
    protected override void Update(Span<float> parameters, ReadOnlySpan<float> gradients, ReadOnlySpan<ParameterBlock> blocks) =>
        SgdUpdate.Apply(parameters, gradients, Momentum == 0f ? default : State(0), LearningRate, Momentum, Nesterov);

    private static float CheckMomentum(float momentum) =>
        momentum >= 0f && momentum < 1f
            ? momentum
            : throw new ArgumentOutOfRangeException(nameof(momentum), momentum, "momentum must be in [0, 1).");
}
