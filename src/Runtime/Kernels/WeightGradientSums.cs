using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Butterfly.Kernels;

/// <summary>
/// The twelve running sums of a weight-gradient block of four filters by three taps, filter-major: filter <c>k</c>,
/// tap <c>t</c> at <c>3k + t</c>. The row loops keep them in registers and hand them over here once, at the end.
/// </summary>
[InlineArray(Count)]
internal struct WeightGradientSums
{
    public const int Count = 12;

    private Vector256<float> _first;
}
