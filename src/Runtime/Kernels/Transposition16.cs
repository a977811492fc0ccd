using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Butterfly.Kernels;

/// <summary>
/// Transposes a 16 × 16 block of floats held in sixteen 512-bit registers: afterwards register <c>r</c> holds what
/// lane <c>r</c> of every register held. Four rounds of sixteen two-source permutes, each swapping one bit of the
/// register index with the same bit of the lane index: round <c>b</c> (8, 4, 2, 1) pairs registers <c>i</c> and
/// <c>i + b</c> (<c>i &amp; b = 0</c>) and, in every group of <c>2b</c> lanes, gives the first the low halves of both and the
/// second the high halves. The rounds commute; after all four every index bit is swapped. Callers need AVX-512.
/// </summary>
internal static class Transposition16
{
    private static readonly Vector512<int> s_low8 = Low(8), s_high8 = High(8), s_low4 = Low(4), s_high4 = High(4);
    private static readonly Vector512<int> s_low2 = Low(2), s_high2 = High(2), s_low1 = Low(1), s_high1 = High(1);

    /// <summary>Lane <c>l</c> of the first register of a pair after round <paramref name="b"/>: its own lane in the low half of a group, else the second's lane <c>l - b</c> (index + 16).</summary>
    private static Vector512<int> Low(int b)
    {
        var lanes = new int[16];
        for (int l = 0; l < 16; l++)
        {
            lanes[l] = l % (2 * b) < b ? l : l - b + 16;
        }

        return Vector512.Create(lanes);
    }

    /// <summary>Lane <c>l</c> of the second register of a pair after round <paramref name="b"/>: the first's lane <c>l + b</c> in the low half of a group, else its own.</summary>
    private static Vector512<int> High(int b)
    {
        var lanes = new int[16];
        for (int l = 0; l < 16; l++)
        {
            lanes[l] = l % (2 * b) < b ? l + b : l + 16;
        }

        return Vector512.Create(lanes);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Swap(ref Vector512<float> first, ref Vector512<float> second, Vector512<int> low, Vector512<int> high)
    {
        var a = Avx512F.PermuteVar16x32x2(first, low, second);
        second = Avx512F.PermuteVar16x32x2(first, high, second);
        first = a;
    }

    /// <summary>Transposes the block <c>r0 .. r15</c> in place.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void InPlace(
        ref Vector512<float> r0, ref Vector512<float> r1, ref Vector512<float> r2, ref Vector512<float> r3,
        ref Vector512<float> r4, ref Vector512<float> r5, ref Vector512<float> r6, ref Vector512<float> r7,
        ref Vector512<float> r8, ref Vector512<float> r9, ref Vector512<float> r10, ref Vector512<float> r11,
        ref Vector512<float> r12, ref Vector512<float> r13, ref Vector512<float> r14, ref Vector512<float> r15)
    {
        var low = s_low8;
        var high = s_high8;
        Swap(ref r0, ref r8, low, high);
        Swap(ref r1, ref r9, low, high);
        Swap(ref r2, ref r10, low, high);
        Swap(ref r3, ref r11, low, high);
        Swap(ref r4, ref r12, low, high);
        Swap(ref r5, ref r13, low, high);
        Swap(ref r6, ref r14, low, high);
        Swap(ref r7, ref r15, low, high);
        (low, high) = (s_low4, s_high4);
        Swap(ref r0, ref r4, low, high);
        Swap(ref r1, ref r5, low, high);
        Swap(ref r2, ref r6, low, high);
        Swap(ref r3, ref r7, low, high);
        Swap(ref r8, ref r12, low, high);
        Swap(ref r9, ref r13, low, high);
        Swap(ref r10, ref r14, low, high);
        Swap(ref r11, ref r15, low, high);
        (low, high) = (s_low2, s_high2);
        Swap(ref r0, ref r2, low, high);
        Swap(ref r1, ref r3, low, high);
        Swap(ref r4, ref r6, low, high);
        Swap(ref r5, ref r7, low, high);
        Swap(ref r8, ref r10, low, high);
        Swap(ref r9, ref r11, low, high);
        Swap(ref r12, ref r14, low, high);
        Swap(ref r13, ref r15, low, high);
        (low, high) = (s_low1, s_high1);
        Swap(ref r0, ref r1, low, high);
        Swap(ref r2, ref r3, low, high);
        Swap(ref r4, ref r5, low, high);
        Swap(ref r6, ref r7, low, high);
        Swap(ref r8, ref r9, low, high);
        Swap(ref r10, ref r11, low, high);
        Swap(ref r12, ref r13, low, high);
        Swap(ref r14, ref r15, low, high);
    }
}
