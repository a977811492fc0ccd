using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Butterfly.Kernels;

/// <summary>
/// <see cref="Pooling"/> over 2×2 windows with stride 2, the common case. Output <c>(i, j)</c> of a plane reads
/// <c>a = x[2i, 2j]</c>, <c>b = x[2i, 2j + 1]</c> over <c>c = x[2i + 1, 2j]</c>, <c>d = x[2i + 1, 2j + 1]</c>
/// (an odd last row or column belongs to no window):
/// <list type="bullet">
/// <item>max: <c>m = a</c>, then <c>m = v &gt; m ? v : m</c> for <c>v = b, c, d</c>: the first maximum in row-major
/// order, which a tie (equal values, or <c>-0</c> against <c>+0</c>) leaves in place and a NaN never replaces;</item>
/// <item>max backward: <c>dy[i, j]</c> goes to that first maximum, <c>0</c> to the other three inputs;</item>
/// <item>average: <c>(((0 + a) + b) + c + d) · ¼</c>; average backward: <c>0 + dy[i, j] · ¼</c> to all four inputs.</item>
/// </list>
/// </summary>
/// <remarks>
/// <para>
/// The AVX2 path takes eight windows at once: the sixteen inputs of a row, loaded as two vectors, are split by a shuffle
/// into even columns (<c>a</c> or <c>c</c>) and odd columns (<c>b</c> or <c>d</c>). The shuffle works within each
/// 128-bit half, so the lanes hold windows 0, 1, 4, 5, 2, 3, 6, 7: the forward outputs are put back in order by one
/// permute of 64-bit pairs, and the backward rules instead permute <c>dy</c> into that order, after which interleaving
/// the gradients of even and odd columns (unpack low and high, also within halves) gives back the input's column
/// order. The windows left over take the 128-bit form of the same steps (where the shuffle keeps the order), the last
/// of them ending at the row's last window and so redoing some already done: a window's outputs depend on that window
/// alone, so they are written again with the same bits. Rows of fewer than four windows take the scalar rule.
/// </para>
/// <para>
/// Every lane runs exactly the scalar rule: the same strict greater-than comparisons (false for NaN) selecting in the
/// same order, the same additions in the same order and the same multiply by ¼, so each output has the same bits
/// whichever code computes it. The 512-bit path runs the 256-bit code; the portable path runs the scalar rule.
/// </para>
/// </remarks>
internal static class Pooling2x2
{
    /// <summary>Windows per 256-bit step.</summary>
    private const int Wide = 8;

    /// <summary>Windows per 128-bit step.</summary>
    private const int Narrow = 4;

    /// <summary>
    /// Where the vector steps of a row of <paramref name="outW"/> windows stop: the whole row if the AVX2 code runs
    /// (the path in force is at least <see cref="SimdPath.Vector256"/>) and the row holds a 128-bit step, else none.
    /// </summary>
    private static int VectorEnd(int outW) => Simd.Path >= SimdPath.Vector256 && Avx2.IsSupported && outW >= Narrow ? outW : 0;

    /// <summary><c>y[i, j]</c> = the first maximum of window <c>(i, j)</c>.</summary>
    public static void Max(ref float x, ref float y, int planes, int height, int width)
    {
        int outH = height / 2, outW = width / 2, end = VectorEnd(outW);
        for (int row = 0, plane = 0; plane < planes; plane++)
        {
            for (int i = 0; i < outH; i++, row++)
            {
                ref float top = ref Unsafe.Add(ref x, (plane * height + 2 * i) * width);
                ref float bottom = ref Unsafe.Add(ref top, width);
                ref float output = ref Unsafe.Add(ref y, row * outW);
                int j = 0;
                for (; j + Wide <= end; j += Wide)
                {
                    var (a, b) = Split(ref Unsafe.Add(ref top, 2 * j));
                    var (c, d) = Split(ref Unsafe.Add(ref bottom, 2 * j));
                    var max = FirstMax(FirstMax(FirstMax(a, b), c), d);
                    SwapMiddlePairs(max).StoreUnsafe(ref output, (nuint)j);
                }

                for (; j < end; j += Narrow)
                {
                    int k = Math.Min(j, outW - Narrow);
                    var (a, b) = Split128(ref Unsafe.Add(ref top, 2 * k));
                    var (c, d) = Split128(ref Unsafe.Add(ref bottom, 2 * k));
                    FirstMax(FirstMax(FirstMax(a, b), c), d).StoreUnsafe(ref output, (nuint)k);
                }

                for (; j < outW; j++)
                {
                    Unsafe.Add(ref output, j) = MaxOfFour(
                        Unsafe.Add(ref top, 2 * j), Unsafe.Add(ref top, 2 * j + 1),
                        Unsafe.Add(ref bottom, 2 * j), Unsafe.Add(ref bottom, 2 * j + 1), out _);
                }
            }
        }
    }

    /// <summary>
    /// <c>dx</c> = <c>dy[i, j]</c> at the first maximum of window <c>(i, j)</c>, <c>0</c> everywhere else, with the
    /// maximum found again from <paramref name="x"/>. Overwrites <paramref name="dx"/>. With <paramref name="rectify"/>,
    /// also the backward rule of the ReLU whose output <paramref name="x"/> is: <c>0</c> wherever <c>x</c> is not
    /// positive, the bits of <see cref="Activations.ReLUBackward"/> run afterwards.
    /// </summary>
    public static void MaxBackward(ref float x, ref float dy, ref float dx, int planes, int height, int width, bool rectify = false)
    {
        int outH = height / 2, outW = width / 2, end = VectorEnd(outW);
        ClearUncovered(ref dx, planes, height, width);
        for (int row = 0, plane = 0; plane < planes; plane++)
        {
            for (int i = 0; i < outH; i++, row++)
            {
                int offset = (plane * height + 2 * i) * width;
                ref float top = ref Unsafe.Add(ref x, offset);
                ref float bottom = ref Unsafe.Add(ref top, width);
                ref float topGradient = ref Unsafe.Add(ref dx, offset);
                ref float bottomGradient = ref Unsafe.Add(ref topGradient, width);
                ref float gradient = ref Unsafe.Add(ref dy, row * outW);
                int j = 0;
                for (; j + Wide <= end; j += Wide)
                {
                    var (a, b) = Split(ref Unsafe.Add(ref top, 2 * j));
                    var (c, d) = Split(ref Unsafe.Add(ref bottom, 2 * j));
                    var (toA, toB, toC, toD) = Winners(a, b, c, d);
                    if (rectify)
                    {
                        var zero = Vector256<float>.Zero;
                        (toA, toB, toC, toD) = (toA & Vector256.GreaterThan(a, zero), toB & Vector256.GreaterThan(b, zero), toC & Vector256.GreaterThan(c, zero), toD & Vector256.GreaterThan(d, zero));
                    }

                    var g = SwapMiddlePairs(Vector256.LoadUnsafe(ref gradient, (nuint)j));
                    Interleave(g & toA, g & toB, ref Unsafe.Add(ref topGradient, 2 * j));
                    Interleave(g & toC, g & toD, ref Unsafe.Add(ref bottomGradient, 2 * j));
                }

                for (; j < end; j += Narrow)
                {
                    int k = Math.Min(j, outW - Narrow);
                    var (a, b) = Split128(ref Unsafe.Add(ref top, 2 * k));
                    var (c, d) = Split128(ref Unsafe.Add(ref bottom, 2 * k));
                    var (toA, toB, toC, toD) = Winners(a, b, c, d);
                    if (rectify)
                    {
                        var zero = Vector128<float>.Zero;
                        (toA, toB, toC, toD) = (toA & Vector128.GreaterThan(a, zero), toB & Vector128.GreaterThan(b, zero), toC & Vector128.GreaterThan(c, zero), toD & Vector128.GreaterThan(d, zero));
                    }

                    var g = Vector128.LoadUnsafe(ref gradient, (nuint)k);
                    Interleave(g & toA, g & toB, ref Unsafe.Add(ref topGradient, 2 * k));
                    Interleave(g & toC, g & toD, ref Unsafe.Add(ref bottomGradient, 2 * k));
                }

                for (; j < outW; j++)
                {
                    float max = MaxOfFour(
                        Unsafe.Add(ref top, 2 * j), Unsafe.Add(ref top, 2 * j + 1),
                        Unsafe.Add(ref bottom, 2 * j), Unsafe.Add(ref bottom, 2 * j + 1), out int which);
                    float g = rectify && !(max > 0f) ? 0f : Unsafe.Add(ref gradient, j);
                    Unsafe.Add(ref topGradient, 2 * j) = which == 0 ? g : 0f;
                    Unsafe.Add(ref topGradient, 2 * j + 1) = which == 1 ? g : 0f;
                    Unsafe.Add(ref bottomGradient, 2 * j) = which == 2 ? g : 0f;
                    Unsafe.Add(ref bottomGradient, 2 * j + 1) = which == 3 ? g : 0f;
                }
            }
        }
    }

    /// <summary><c>y[i, j] = (((0 + a) + b) + c + d) · ¼</c>, the order of <see cref="Pooling.Average"/>'s loops.</summary>
    public static void Average(ref float x, ref float y, int planes, int height, int width)
    {
        int outH = height / 2, outW = width / 2, end = VectorEnd(outW);
        for (int row = 0, plane = 0; plane < planes; plane++)
        {
            for (int i = 0; i < outH; i++, row++)
            {
                ref float top = ref Unsafe.Add(ref x, (plane * height + 2 * i) * width);
                ref float bottom = ref Unsafe.Add(ref top, width);
                ref float output = ref Unsafe.Add(ref y, row * outW);
                int j = 0;
                for (; j + Wide <= end; j += Wide)
                {
                    var (a, b) = Split(ref Unsafe.Add(ref top, 2 * j));
                    var (c, d) = Split(ref Unsafe.Add(ref bottom, 2 * j));
                    var sum = Vector256<float>.Zero + a + b + c + d;
                    SwapMiddlePairs(sum * Vector256.Create(Quarter)).StoreUnsafe(ref output, (nuint)j);
                }

                for (; j < end; j += Narrow)
                {
                    int k = Math.Min(j, outW - Narrow);
                    var (a, b) = Split128(ref Unsafe.Add(ref top, 2 * k));
                    var (c, d) = Split128(ref Unsafe.Add(ref bottom, 2 * k));
                    var sum = Vector128<float>.Zero + a + b + c + d;
                    (sum * Vector128.Create(Quarter)).StoreUnsafe(ref output, (nuint)k);
                }

                for (; j < outW; j++)
                {
                    float sum = 0f + Unsafe.Add(ref top, 2 * j) + Unsafe.Add(ref top, 2 * j + 1)
                        + Unsafe.Add(ref bottom, 2 * j) + Unsafe.Add(ref bottom, 2 * j + 1);
                    Unsafe.Add(ref output, j) = sum * Quarter;
                }
            }
        }
    }

    /// <summary>
    /// <c>dx = 0 + dy[i, j] · ¼</c> at each input of window <c>(i, j)</c> (the <c>+=</c> onto zeros of
    /// <see cref="Pooling.AverageBackward"/>), <c>0</c> at inputs no window covers. Overwrites <paramref name="dx"/>.
    /// </summary>
    public static void AverageBackward(ref float dy, ref float dx, int planes, int height, int width)
    {
        int outH = height / 2, outW = width / 2, end = VectorEnd(outW);
        ClearUncovered(ref dx, planes, height, width);
        for (int row = 0, plane = 0; plane < planes; plane++)
        {
            for (int i = 0; i < outH; i++, row++)
            {
                ref float topGradient = ref Unsafe.Add(ref dx, (plane * height + 2 * i) * width);
                ref float bottomGradient = ref Unsafe.Add(ref topGradient, width);
                ref float gradient = ref Unsafe.Add(ref dy, row * outW);
                int j = 0;
                for (; j + Wide <= end; j += Wide)
                {
                    var share = SwapMiddlePairs(Vector256<float>.Zero + Vector256.LoadUnsafe(ref gradient, (nuint)j) * Vector256.Create(Quarter));
                    Interleave(share, share, ref Unsafe.Add(ref topGradient, 2 * j));
                    Interleave(share, share, ref Unsafe.Add(ref bottomGradient, 2 * j));
                }

                for (; j < end; j += Narrow)
                {
                    int k = Math.Min(j, outW - Narrow);
                    var share = Vector128<float>.Zero + Vector128.LoadUnsafe(ref gradient, (nuint)k) * Vector128.Create(Quarter);
                    Interleave(share, share, ref Unsafe.Add(ref topGradient, 2 * k));
                    Interleave(share, share, ref Unsafe.Add(ref bottomGradient, 2 * k));
                }

                for (; j < outW; j++)
                {
                    float share = 0f + Unsafe.Add(ref gradient, j) * Quarter;
                    Unsafe.Add(ref topGradient, 2 * j) = share;
                    Unsafe.Add(ref topGradient, 2 * j + 1) = share;
                    Unsafe.Add(ref bottomGradient, 2 * j) = share;
                    Unsafe.Add(ref bottomGradient, 2 * j + 1) = share;
                }
            }
        }
    }

    /// <summary>
    /// The first maximum of a 2×2 window read row by row, <paramref name="a"/> <paramref name="b"/> over
    /// <paramref name="c"/> <paramref name="d"/>, and which of the four it is (0 to 3): a later input replaces the
    /// maximum so far only if it is strictly greater, so ties keep the earliest and NaN never wins a comparison.
    /// </summary>
    public static float MaxOfFour(float a, float b, float c, float d, out int which)
    {
        (float max, which) = (a, 0);
        if (b > max)
        {
            (max, which) = (b, 1);
        }

        if (c > max)
        {
            (max, which) = (c, 2);
        }

        if (d > max)
        {
            (max, which) = (d, 3);
        }

        return max;
    }

    /// <summary><c>1 / 2²</c>, exact.</summary>
    private const float Quarter = 0.25f;

    /// <summary>
    /// Zeros the inputs no window covers (an odd last row or column of each plane); the kernels write every other
    /// element. Rare, so the whole gradient is cleared.
    /// </summary>
    private static void ClearUncovered(ref float dx, int planes, int height, int width)
    {
        if (((height | width) & 1) != 0)
        {
            Unsafe.InitBlockUnaligned(ref Unsafe.As<float, byte>(ref dx), 0, (uint)planes * (uint)height * (uint)width * sizeof(float));
        }
    }

    /// <summary><c>v &gt; max ? v : max</c> lane by lane: <paramref name="v"/> replaces the maximum only if strictly greater.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> FirstMax(Vector256<float> max, Vector256<float> v) =>
        Vector256.ConditionalSelect(Vector256.GreaterThan(v, max), v, max);

    /// <inheritdoc cref="FirstMax(Vector256{float}, Vector256{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> FirstMax(Vector128<float> max, Vector128<float> v) =>
        Vector128.ConditionalSelect(Vector128.GreaterThan(v, max), v, max);

    /// <summary>
    /// Masks of the window input that gets the gradient, by <see cref="MaxOfFour"/>'s rule: <c>d</c> if it beats the
    /// maximum of <c>a, b, c</c>, else <c>c</c> if it beats that of <c>a, b</c>, else <c>b</c> if it beats <c>a</c>, else <c>a</c>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector256<float> A, Vector256<float> B, Vector256<float> C, Vector256<float> D) Winners(
        Vector256<float> a, Vector256<float> b, Vector256<float> c, Vector256<float> d)
    {
        // Each mask: the input beats the maximum so far.
        var bBeats = Vector256.GreaterThan(b, a);
        var max = Vector256.ConditionalSelect(bBeats, b, a);
        var cBeats = Vector256.GreaterThan(c, max);
        var dBeats = Vector256.GreaterThan(d, Vector256.ConditionalSelect(cBeats, c, max));
        var toC = Vector256.AndNot(cBeats, dBeats);
        var toB = Vector256.AndNot(bBeats, cBeats | dBeats);
        return (~(bBeats | cBeats | dBeats), toB, toC, dBeats);
    }

    /// <inheritdoc cref="Winners(Vector256{float}, Vector256{float}, Vector256{float}, Vector256{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector128<float> A, Vector128<float> B, Vector128<float> C, Vector128<float> D) Winners(
        Vector128<float> a, Vector128<float> b, Vector128<float> c, Vector128<float> d)
    {
        // Each mask: the input beats the maximum so far.
        var bBeats = Vector128.GreaterThan(b, a);
        var max = Vector128.ConditionalSelect(bBeats, b, a);
        var cBeats = Vector128.GreaterThan(c, max);
        var dBeats = Vector128.GreaterThan(d, Vector128.ConditionalSelect(cBeats, c, max));
        var toC = Vector128.AndNot(cBeats, dBeats);
        var toB = Vector128.AndNot(bBeats, cBeats | dBeats);
        return (~(bBeats | cBeats | dBeats), toB, toC, dBeats);
    }

    /// <summary>
    /// Sixteen inputs of a row split into even and odd columns, eight windows in lane order 0, 1, 4, 5, 2, 3, 6, 7.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector256<float> Even, Vector256<float> Odd) Split(ref float row)
    {
        var low = Vector256.LoadUnsafe(ref row);
        var high = Vector256.LoadUnsafe(ref row, (nuint)Vector256<float>.Count);
        return (Avx.Shuffle(low, high, 0b10_00_10_00), Avx.Shuffle(low, high, 0b11_01_11_01));
    }

    /// <summary>Eight inputs of a row split into even and odd columns, four windows in order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector128<float> Even, Vector128<float> Odd) Split128(ref float row) =>
        Split128(Vector128.LoadUnsafe(ref row), Vector128.LoadUnsafe(ref row, (nuint)Vector128<float>.Count));

    /// <inheritdoc cref="Split128(ref float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector128<float> Even, Vector128<float> Odd) Split128(Vector128<float> low, Vector128<float> high) =>
        (Sse.Shuffle(low, high, 0b10_00_10_00), Sse.Shuffle(low, high, 0b11_01_11_01));

    /// <summary>
    /// The four windows over two rows of eight values already in registers (a convolution's outputs, say): each
    /// window's first maximum, in order, with the bits <see cref="Max"/> gives. Needs AVX2, as the vector path does.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> MaxOfRows(Vector256<float> top, Vector256<float> bottom)
    {
        var (a, b) = Split128(top.GetLower(), top.GetUpper());
        var (c, d) = Split128(bottom.GetLower(), bottom.GetUpper());
        return FirstMax(FirstMax(FirstMax(a, b), c), d);
    }

    /// <summary>
    /// Swaps the middle two 64-bit pairs: from <see cref="Split"/>'s lane order (windows 0, 1, 4, 5, 2, 3, 6, 7) to
    /// window order, and back, the swap being its own inverse.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> SwapMiddlePairs(Vector256<float> v) => Avx2.Permute4x64(v.AsDouble(), 0b11_01_10_00).AsSingle();

    /// <summary>
    /// Stores sixteen inputs of a row, even columns from <paramref name="even"/> and odd from <paramref name="odd"/>,
    /// both in <see cref="Split"/>'s lane order.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Interleave(Vector256<float> even, Vector256<float> odd, ref float row)
    {
        Avx.UnpackLow(even, odd).StoreUnsafe(ref row);
        Avx.UnpackHigh(even, odd).StoreUnsafe(ref row, (nuint)Vector256<float>.Count);
    }

    /// <summary>Stores eight inputs of a row, even columns from <paramref name="even"/> and odd from <paramref name="odd"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Interleave(Vector128<float> even, Vector128<float> odd, ref float row)
    {
        Sse.UnpackLow(even, odd).StoreUnsafe(ref row);
        Sse.UnpackHigh(even, odd).StoreUnsafe(ref row, (nuint)Vector128<float>.Count);
    }
}
