using System;

namespace Butterfly;

/// <summary>
/// Marks a <c>partial class</c> as a restricted Boltzmann machine: a layer of visible units and a layer of binary
/// hidden units, joined by a weight matrix with no connections inside a layer, and the energy
/// <c>E(v, h) = -bᵀv - cᵀh - hᵀWv</c> (Bernoulli visible units; Gaussian ones add <c>½‖v‖²</c>). The Butterfly
/// generator compiles it into shape-specialized code for block Gibbs sampling, free energy and training by
/// contrastive divergence (CD-k and persistent CD).
/// </summary>
/// <example>
/// <code>
/// [BoltzmannMachine(visible: 784, hidden: 500)]
/// public partial class MnistRbm;
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class BoltzmannMachineAttribute : Attribute
{
    /// <summary>Declares a machine of <paramref name="visible"/> visible and <paramref name="hidden"/> hidden units.</summary>
    /// <param name="visible">Visible units: the length of one data sample.</param>
    /// <param name="hidden">Hidden units, the features the machine learns.</param>
    public BoltzmannMachineAttribute(int visible, int hidden)
    {
        VisibleCount = visible;
        HiddenCount = hidden;
    }

    /// <summary>Visible units.</summary>
    public int VisibleCount { get; }

    /// <summary>Hidden units.</summary>
    public int HiddenCount { get; }

    /// <summary>The kind of visible units; <see cref="VisibleUnits.Bernoulli"/> by default.</summary>
    public VisibleUnits Visible { get; set; }
}
