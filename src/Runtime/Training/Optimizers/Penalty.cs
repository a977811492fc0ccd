using System;

namespace Butterfly;

/// <summary>
/// The penalties one group of parameters adds to the loss: <c>(L2 / 2) ‖w‖² + L1 ‖w‖₁</c>, whose gradient
/// <c>L2 w + L1 sign(w)</c> the optimizer adds to the loss gradient before its rule.
/// </summary>
/// <param name="L2">The L2 coefficient λ₂ (weight decay coupled to the gradient); 0 for none.</param>
/// <param name="L1">The L1 coefficient λ₁ (pushes weights to exactly 0); 0 for none.</param>
public readonly record struct Penalty(float L2 = 0f, float L1 = 0f)
{
    /// <summary>Whether this penalty changes nothing.</summary>
    public bool IsNone => L2 == 0f && L1 == 0f;

    /// <summary>Throws unless both coefficients are finite and not negative.</summary>
    internal void Validate(string name)
    {
        if (!(float.IsFinite(L2) && L2 >= 0f))
        {
            throw new ArgumentOutOfRangeException(name, L2, $"{name}.L2 must be finite and not negative.");
        }

        if (!(float.IsFinite(L1) && L1 >= 0f))
        {
            throw new ArgumentOutOfRangeException(name, L1, $"{name}.L1 must be finite and not negative.");
        }
    }

    /// <inheritdoc/>
    public override string ToString() => IsNone ? "none" : FormattableString.Invariant($"L2 {L2:R}, L1 {L1:R}");
}
