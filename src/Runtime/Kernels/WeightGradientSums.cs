using System.Runtime.CompilerServices;

namespace Butterfly.Kernels;

/// <summary>
/// The twelve running sums of a weight-gradient block of four filters by three taps, filter-major: filter <c>k</c>,
/// tap <c>t</c> at <c>3k + t</c>, each a vector of <typeparamref name="TVector"/>. The row loops keep them in registers
/// and hand them over here once, at the end.
/// </summary>
[InlineArray(Count)]
internal struct WeightGradientSums<TVector>
    where TVector : struct
{
    public const int Count = 12;

    private TVector _first;

    /// <summary>Lane <paramref name="lane"/> of sum <paramref name="index"/>.</summary>
    public float Lane(int index, int lane) => Unsafe.Add(ref Unsafe.As<TVector, float>(ref this[index]), lane);
}
