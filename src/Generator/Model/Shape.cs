using System;
using System.Linq;

namespace Butterfly.Generator.Model;

/// <summary>The shape of one sample's tensor, such as (784) or (1, 28, 28): channels first, row-major.</summary>
internal readonly record struct Shape(EquatableArray<int> Dimensions)
{
    public static Shape Of(params int[] dimensions) => new(dimensions.ToEquatableArray());

    public int Rank => Dimensions.Count;

    /// <summary>
    /// Elements per sample, in 64 bits and saturating at <see cref="long.MaxValue"/>, so that a huge declaration such
    /// as (2^30, 2^30, 2^30) is caught as too large instead of wrapping to a small or zero length.
    /// </summary>
    public long Length => Dimensions.Aggregate(1L, (product, d) => d > 0 && product > long.MaxValue / d ? long.MaxValue : product * d);

    public int this[int axis] => Dimensions[axis];

    /// <summary>As Keras prints it: <c>(100)</c>, <c>(8, 24, 24)</c>.</summary>
    public override string ToString() => "(" + string.Join(", ", Dimensions) + ")";
}
