using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Butterfly.Kernels;

/// <summary>
/// The integer dot product <c>Σ_i a_i b_i</c> of uint8 activations and int8 weights, exact in int32 for any length
/// below 2^16 (|a_i b_i| ≤ 255 · 128). One path per instruction set, each checked against <see cref="Scalar"/>:
/// AVX-VNNI (<c>vpdpbusd</c>: four u8 × s8 products summed into each int32 lane, no intermediate saturation), AVX-512BW
/// and AVX2 (bytes widened to int16, then <c>vpmaddwd</c>: pairs of int16 products summed into int32, exact, unlike
/// <c>vpmaddubsw</c>, which saturates at 2 · 255 · 127 &gt; 32767), and a portable scalar loop.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Int8Dot
{
    /// <summary>The path <see cref="Compute"/> takes on this machine: AvxVnni, Avx512BW, Avx2 or Scalar.</summary>
    public static string Path =>
        AvxVnni.IsSupported ? nameof(AvxVnni) : Avx512BW.IsSupported ? nameof(Avx512BW) : Avx2.IsSupported ? nameof(Avx2) : nameof(Scalar);

    /// <summary><c>Σ_i a_i b_i</c> over the common length, with the fastest path the CPU has.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Compute(ReadOnlySpan<byte> a, ReadOnlySpan<sbyte> b)
    {
        if (AvxVnni.IsSupported)
        {
            return WithAvxVnni(a, b);
        }

        if (Avx512BW.IsSupported)
        {
            return WithAvx512BW(a, b);
        }

        return Avx2.IsSupported ? WithAvx2(a, b) : Scalar(a, b);
    }

    /// <summary>The reference: one product at a time.</summary>
    public static int Scalar(ReadOnlySpan<byte> a, ReadOnlySpan<sbyte> b)
    {
        int length = Math.Min(a.Length, b.Length);
        int sum = 0;
        for (int i = 0; i < length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    /// <summary>32 bytes a step through <c>vpdpbusd</c>.</summary>
    public static int WithAvxVnni(ReadOnlySpan<byte> a, ReadOnlySpan<sbyte> b)
    {
        if (!AvxVnni.IsSupported)
        {
            throw new PlatformNotSupportedException("This CPU has no AVX-VNNI.");
        }

        int length = Math.Min(a.Length, b.Length);
        ref byte pa = ref MemoryMarshal.GetReference(a);
        ref sbyte pb = ref MemoryMarshal.GetReference(b);
        var sum = Vector256<int>.Zero;
        int i = 0;
        for (; i <= length - 32; i += 32)
        {
            sum = AvxVnni.MultiplyWideningAndAdd(sum, Vector256.LoadUnsafe(ref pa, (nuint)i), Vector256.LoadUnsafe(ref pb, (nuint)i));
        }

        return Vector256.Sum(sum) + Scalar(a[i..length], b[i..length]);
    }

    /// <summary>32 bytes a step, widened to 32 int16 lanes and multiplied pairwise with <c>vpmaddwd</c> (512-bit).</summary>
    public static int WithAvx512BW(ReadOnlySpan<byte> a, ReadOnlySpan<sbyte> b)
    {
        if (!Avx512BW.IsSupported)
        {
            throw new PlatformNotSupportedException("This CPU has no AVX-512BW.");
        }

        int length = Math.Min(a.Length, b.Length);
        ref byte pa = ref MemoryMarshal.GetReference(a);
        ref sbyte pb = ref MemoryMarshal.GetReference(b);
        var sum = Vector512<int>.Zero;
        int i = 0;
        for (; i <= length - 32; i += 32)
        {
            var wideA = Avx512BW.ConvertToVector512Int16(Vector256.LoadUnsafe(ref pa, (nuint)i));
            var wideB = Avx512BW.ConvertToVector512Int16(Vector256.LoadUnsafe(ref pb, (nuint)i));
            sum = Avx512F.Add(sum, Avx512BW.MultiplyAddAdjacent(wideA, wideB));
        }

        return Vector512.Sum(sum) + Scalar(a[i..length], b[i..length]);
    }

    /// <summary>16 bytes a step, widened to 16 int16 lanes and multiplied pairwise with <c>vpmaddwd</c> (256-bit).</summary>
    public static int WithAvx2(ReadOnlySpan<byte> a, ReadOnlySpan<sbyte> b)
    {
        if (!Avx2.IsSupported)
        {
            throw new PlatformNotSupportedException("This CPU has no AVX2.");
        }

        int length = Math.Min(a.Length, b.Length);
        ref byte pa = ref MemoryMarshal.GetReference(a);
        ref sbyte pb = ref MemoryMarshal.GetReference(b);
        var sum0 = Vector256<int>.Zero;
        var sum1 = Vector256<int>.Zero;
        int i = 0;

        // Two accumulators hide the latency of vpmaddwd + vpaddd.
        for (; i <= length - 32; i += 32)
        {
            sum0 = Avx2.Add(sum0, Avx2.MultiplyAddAdjacent(
                Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref pa, (nuint)i)),
                Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref pb, (nuint)i))));
            sum1 = Avx2.Add(sum1, Avx2.MultiplyAddAdjacent(
                Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref pa, (nuint)(i + 16))),
                Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref pb, (nuint)(i + 16)))));
        }

        if (i <= length - 16)
        {
            sum0 = Avx2.Add(sum0, Avx2.MultiplyAddAdjacent(
                Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref pa, (nuint)i)),
                Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref pb, (nuint)i))));
            i += 16;
        }

        return Vector256.Sum(Avx2.Add(sum0, sum1)) + Scalar(a[i..length], b[i..length]);
    }
}
