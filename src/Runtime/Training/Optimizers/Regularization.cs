using System;

namespace Butterfly;

/// <summary>
/// Penalties per parameter group, where a group is every block of one <see cref="ParameterRole"/>. By default
/// nothing is penalized; <see cref="WeightDecay"/> decays weights and leaves biases alone, as is usual:
/// a bias shifts a unit's input and shrinking it does not make the model simpler.
/// </summary>
public sealed record Regularization
{
    /// <summary>No penalty on any parameter.</summary>
    public static Regularization None { get; } = new();

    /// <summary>The penalty on weight matrices and kernels.</summary>
    public Penalty Weights { get; init; }

    /// <summary>The penalty on biases; none by default.</summary>
    public Penalty Biases { get; init; }

    /// <summary>Whether no group has a penalty.</summary>
    public bool IsNone => Weights.IsNone && Biases.IsNone;

    /// <summary>L2 weight decay <paramref name="l2"/> on the weights only.</summary>
    public static Regularization WeightDecay(float l2) => new() { Weights = new Penalty(L2: l2) };

    /// <summary>The penalty on a block of <paramref name="role"/>; none for <see cref="ParameterRole.State"/> and <see cref="ParameterRole.Structure"/>.</summary>
    public Penalty For(ParameterRole role) => role switch
    {
        ParameterRole.Weight => Weights,
        ParameterRole.Bias => Biases,
        _ => default,
    };

    /// <summary>Throws unless every coefficient is finite and not negative.</summary>
    internal void Validate()
    {
        Weights.Validate(nameof(Weights));
        Biases.Validate(nameof(Biases));
    }

    /// <inheritdoc/>
    public override string ToString() => IsNone ? "none" : $"weights {Weights}; biases {Biases}";
}
