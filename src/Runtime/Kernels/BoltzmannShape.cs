using System.ComponentModel;

namespace Butterfly.Kernels;

/// <summary>
/// The sizes of a restricted Boltzmann machine and the layout of its parameter buffer: the weights
/// <c>W[hidden × visible]</c> (row <c>j</c> holds hidden unit <c>j</c>'s weights, as a dense layer's rows do), then the
/// visible bias <c>b[visible]</c>, then the hidden bias <c>c[hidden]</c>.
/// </summary>
/// <param name="Visible">Visible units; positive.</param>
/// <param name="Hidden">Hidden units; positive.</param>
/// <param name="Units">The kind of the visible units.</param>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly record struct BoltzmannShape(int Visible, int Hidden, VisibleUnits Units)
{
    /// <summary>Floats in <c>W</c>.</summary>
    public int WeightCount => Visible * Hidden;

    /// <summary>Where <c>b</c> starts.</summary>
    public int VisibleBiasOffset => Visible * Hidden;

    /// <summary>Where <c>c</c> starts.</summary>
    public int HiddenBiasOffset => Visible * Hidden + Visible;

    /// <summary>Floats in the whole buffer.</summary>
    public int ParameterCount => Visible * Hidden + Visible + Hidden;
}
