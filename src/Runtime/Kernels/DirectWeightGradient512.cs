using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Butterfly.Kernels;

/// <summary>
/// The 512-bit blocks of <see cref="DirectWeightGradient"/>: sixteen neighbouring outputs of a row per vector, the same
/// four filters by three taps and twelve sums as the 256-bit blocks. A row's columns after its last whole vector are
/// not summed one by one: one more vector ends at the row's edge, and its lanes over columns already counted are zeroed
/// in the output gradient, so a 28-wide row (a padded 28×28 image) is two vectors instead of three and four scalar
/// columns per filter and tap.
/// </summary>
/// <remarks>
/// The last vector's loads stay inside the row (it starts at <c>OutW - 16 ≥ 0</c>), so nothing past the input is read.
/// Each lane sums its columns over (n, i, j) in order and the lanes are added once at the end, whoever calls it.
/// </remarks>
public static partial class DirectWeightGradient
{
    /// <summary>Floats of one 512-bit vector.</summary>
    private const int Wide = 16;

    /// <summary>Whether the 512-bit blocks take the shape: AVX-512 in force and rows of at least one vector.</summary>
    private static bool TakesWideRows(ConvolutionShape shape) => Simd.Path == SimdPath.Vector512 && shape.OutW >= Wide;

    /// <summary>Taps [<paramref name="tap"/>, + 3) of filters [<paramref name="filter"/>, + 4), as <see cref="Block"/>, 512 bits wide.</summary>
    private static unsafe void Block512(float* x, float* dy, float* dWeights, int samples, ConvolutionShape shape, int filter, int tap)
    {
        Span<int> offsets = stackalloc int[TapBlock];
        var steps = BlockSteps(shape, filter, tap, offsets);
        var sums = default(WeightGradientSums<Vector512<float>>);
        Rows512(x + offsets[0], dy + filter * shape.Pixels, steps, samples, shape, ref sums);
        for (int k = 0; k < FilterBlock && filter + k < shape.Filters; k++)
        {
            for (int t = 0; t < TapBlock && tap + t < shape.Window; t++)
            {
                dWeights[(filter + k) * shape.Window + tap + t] = Vector512.Sum(sums[k * TapBlock + t]);
            }
        }
    }

    /// <summary>
    /// The block's sums over its samples' rows: whole vectors from column 0, then, if the row has columns left, the
    /// vector ending at the row's edge with the lanes before them zeroed in <c>dy</c>. Kept small so that the sums stay
    /// in registers.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static unsafe void Rows512(float* x, float* dy, Steps steps, int samples, ConvolutionShape shape, ref WeightGradientSums<Vector512<float>> sums)
    {
        nint x1 = steps.Tap, x2 = steps.Tap2, d1 = steps.Filter1, d2 = steps.Filter2, d3 = steps.Filter3;
        int rows = shape.OutH, width = shape.Width, outW = shape.OutW, left = outW % Wide;
        int vectorEnd = outW - left, last = outW - Wide;

        // Lanes of the last vector over columns the whole vectors took: zero in dy, so their terms add nothing.
        var fresh = Vector512.GreaterThanOrEqual(Vector512<int>.Indices, Vector512.Create(Wide - left)).AsSingle();
        Vector512<float> s00 = default, s01 = default, s02 = default, s10 = default, s11 = default, s12 = default;
        Vector512<float> s20 = default, s21 = default, s22 = default, s30 = default, s31 = default, s32 = default;
        for (int n = 0; n < samples; n++)
        {
            float* source = x + (nint)n * shape.InLength, gradient = dy + (nint)n * shape.OutLength;
            for (int i = 0; i < rows; i++, source += width, gradient += outW)
            {
                var mask = Vector512<float>.AllBitsSet;
                for (int j = 0; ; j += Wide)
                {
                    if (j >= vectorEnd)
                    {
                        if (left == 0 || j > vectorEnd)
                        {
                            break;
                        }

                        (j, mask) = (last, fresh);
                    }

                    var a = Vector512.Load(source + j);
                    var b = Vector512.Load(source + x1 + j);
                    var c = Vector512.Load(source + x2 + j);
                    float* d = gradient + j;
                    var g = Vector512.Load(d) & mask;
                    s00 = Vector512.FusedMultiplyAdd(g, a, s00);
                    s01 = Vector512.FusedMultiplyAdd(g, b, s01);
                    s02 = Vector512.FusedMultiplyAdd(g, c, s02);
                    g = Vector512.Load(d + d1) & mask;
                    s10 = Vector512.FusedMultiplyAdd(g, a, s10);
                    s11 = Vector512.FusedMultiplyAdd(g, b, s11);
                    s12 = Vector512.FusedMultiplyAdd(g, c, s12);
                    g = Vector512.Load(d + d2) & mask;
                    s20 = Vector512.FusedMultiplyAdd(g, a, s20);
                    s21 = Vector512.FusedMultiplyAdd(g, b, s21);
                    s22 = Vector512.FusedMultiplyAdd(g, c, s22);
                    g = Vector512.Load(d + d3) & mask;
                    s30 = Vector512.FusedMultiplyAdd(g, a, s30);
                    s31 = Vector512.FusedMultiplyAdd(g, b, s31);
                    s32 = Vector512.FusedMultiplyAdd(g, c, s32);
                }
            }
        }

        (sums[0], sums[1], sums[2], sums[3], sums[4], sums[5]) = (s00, s01, s02, s10, s11, s12);
        (sums[6], sums[7], sums[8], sums[9], sums[10], sums[11]) = (s20, s21, s22, s30, s31, s32);
    }
}
