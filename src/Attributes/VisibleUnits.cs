namespace Butterfly;

/// <summary>The kind of a Boltzmann machine's visible units (see <see cref="BoltzmannMachineAttribute.Visible"/>).</summary>
public enum VisibleUnits
{
    /// <summary>Binary units, <c>p(v_i = 1 | h) = σ(b_i + Σ_j W_ji h_j)</c>, for data in [0, 1] such as pixel intensities.</summary>
    Bernoulli = 0,

    /// <summary>
    /// Real-valued units of unit variance, <c>v_i | h ~ N(b_i + Σ_j W_ji h_j, 1)</c>, for real data standardized to zero
    /// mean and unit variance per component.
    /// </summary>
    Gaussian = 1,
}
