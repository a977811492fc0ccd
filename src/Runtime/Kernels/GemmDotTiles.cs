using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Butterfly.Kernels;

// Dot-product tiles for A·Bᵀ when A has few rows (a small batch through a dense layer). Both operands are read
// along k with unit stride, so nothing is packed: packing Bᵀ (a transpose of the whole weight matrix) would cost
// as much as the product itself. A 4 × 4 tile keeps 16 vector accumulators and reuses each load four times;
//     C[i, j] = init[i, j] + Σ_lanes (Σ_chunks a_i ⊙ b_j) + Σ_{p ≥ k - k mod W} a_i[p] b_j[p],
// the same order for every element of the tiles and of Dot1x1 whichever thread computes it. A single row (Row) is
// summed in eight interleaved chunks instead (batch-1 speed), the same order whichever thread computes it: a row
// equals its batch-of-four value within rounding, not bit for bit.

/// <summary>The 512-bit dot tiles.</summary>
internal static unsafe class GemmDotTile512
{
    /// <summary><c>C[4×4] = init + A[4×k] · B[4×k]ᵀ</c>, both operands read row by row.</summary>
    public static void Dot4x4(float* a, nint lda, float* b, nint ldb, int k, float* c, nint ldc, float* init, nint initRowStride)
    {
        Vector512<float> s00 = Vector512<float>.Zero, s01 = Vector512<float>.Zero, s02 = Vector512<float>.Zero, s03 = Vector512<float>.Zero, s10 = Vector512<float>.Zero, s11 = Vector512<float>.Zero, s12 = Vector512<float>.Zero, s13 = Vector512<float>.Zero, s20 = Vector512<float>.Zero, s21 = Vector512<float>.Zero, s22 = Vector512<float>.Zero, s23 = Vector512<float>.Zero, s30 = Vector512<float>.Zero, s31 = Vector512<float>.Zero, s32 = Vector512<float>.Zero, s33 = Vector512<float>.Zero;
        int p = 0;
        for (; p <= k - 16; p += 16)
        {
            var a0 = Vector512.Load(a + p);
            var a1 = Vector512.Load(a + lda + p);
            var a2 = Vector512.Load(a + 2 * lda + p);
            var a3 = Vector512.Load(a + 3 * lda + p);
            var b0 = Vector512.Load(b + p);
            s00 = Vector512.FusedMultiplyAdd(a0, b0, s00);
            s10 = Vector512.FusedMultiplyAdd(a1, b0, s10);
            s20 = Vector512.FusedMultiplyAdd(a2, b0, s20);
            s30 = Vector512.FusedMultiplyAdd(a3, b0, s30);
            var b1 = Vector512.Load(b + ldb + p);
            s01 = Vector512.FusedMultiplyAdd(a0, b1, s01);
            s11 = Vector512.FusedMultiplyAdd(a1, b1, s11);
            s21 = Vector512.FusedMultiplyAdd(a2, b1, s21);
            s31 = Vector512.FusedMultiplyAdd(a3, b1, s31);
            var b2 = Vector512.Load(b + 2 * ldb + p);
            s02 = Vector512.FusedMultiplyAdd(a0, b2, s02);
            s12 = Vector512.FusedMultiplyAdd(a1, b2, s12);
            s22 = Vector512.FusedMultiplyAdd(a2, b2, s22);
            s32 = Vector512.FusedMultiplyAdd(a3, b2, s32);
            var b3 = Vector512.Load(b + 3 * ldb + p);
            s03 = Vector512.FusedMultiplyAdd(a0, b3, s03);
            s13 = Vector512.FusedMultiplyAdd(a1, b3, s13);
            s23 = Vector512.FusedMultiplyAdd(a2, b3, s23);
            s33 = Vector512.FusedMultiplyAdd(a3, b3, s33);
        }

        c[0] = init[0] + Finish(Vector512.Sum(s00), a, b, p, k);
        c[1] = init[1] + Finish(Vector512.Sum(s01), a, b + ldb, p, k);
        c[2] = init[2] + Finish(Vector512.Sum(s02), a, b + 2 * ldb, p, k);
        c[3] = init[3] + Finish(Vector512.Sum(s03), a, b + 3 * ldb, p, k);
        c[ldc + 0] = init[initRowStride + 0] + Finish(Vector512.Sum(s10), a + lda, b, p, k);
        c[ldc + 1] = init[initRowStride + 1] + Finish(Vector512.Sum(s11), a + lda, b + ldb, p, k);
        c[ldc + 2] = init[initRowStride + 2] + Finish(Vector512.Sum(s12), a + lda, b + 2 * ldb, p, k);
        c[ldc + 3] = init[initRowStride + 3] + Finish(Vector512.Sum(s13), a + lda, b + 3 * ldb, p, k);
        c[2 * ldc + 0] = init[2 * initRowStride + 0] + Finish(Vector512.Sum(s20), a + 2 * lda, b, p, k);
        c[2 * ldc + 1] = init[2 * initRowStride + 1] + Finish(Vector512.Sum(s21), a + 2 * lda, b + ldb, p, k);
        c[2 * ldc + 2] = init[2 * initRowStride + 2] + Finish(Vector512.Sum(s22), a + 2 * lda, b + 2 * ldb, p, k);
        c[2 * ldc + 3] = init[2 * initRowStride + 3] + Finish(Vector512.Sum(s23), a + 2 * lda, b + 3 * ldb, p, k);
        c[3 * ldc + 0] = init[3 * initRowStride + 0] + Finish(Vector512.Sum(s30), a + 3 * lda, b, p, k);
        c[3 * ldc + 1] = init[3 * initRowStride + 1] + Finish(Vector512.Sum(s31), a + 3 * lda, b + ldb, p, k);
        c[3 * ldc + 2] = init[3 * initRowStride + 2] + Finish(Vector512.Sum(s32), a + 3 * lda, b + 2 * ldb, p, k);
        c[3 * ldc + 3] = init[3 * initRowStride + 3] + Finish(Vector512.Sum(s33), a + 3 * lda, b + 3 * ldb, p, k);
    }

    /// <summary>
    /// <c>&lt;a, b&gt;</c> over k floats for one row of A alone: eight accumulators over blocks of 128 floats (one stream
    /// through B, which is what lets a batch-1 product read its weights from L2 at full speed; eight rows side by side
    /// ran 1.5 times slower), the rest of the 16-float chunks into the first, then
    /// <c>((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7))</c>, its lane sum and the last <c>k mod 16</c> products.
    /// <paramref name="a"/> should be 64-byte aligned. B's rows rarely are (a managed array's are not), and a 64-byte
    /// load across two cache lines costs two: where B is not aligned, each chunk is put together from two aligned loads
    /// by a two-source permute, which gives the same floats, so the sums do not depend on B's address.
    /// </summary>
    public static float Row(float* a, float* b, int k)
    {
        int shift = (int)(((nint)b & 63) / sizeof(float));
        if (shift == 0 || k < 16)
        {
            return AlignedRow(a, b, k);
        }

        Vector512<float> s0 = Vector512<float>.Zero, s1 = Vector512<float>.Zero, s2 = Vector512<float>.Zero, s3 = Vector512<float>.Zero, s4 = Vector512<float>.Zero, s5 = Vector512<float>.Zero, s6 = Vector512<float>.Zero, s7 = Vector512<float>.Zero;
        int p = 0;
        // Chunk t of B is lanes shift..shift+15 of aligned lines t and t+1 (line t+1 holds B's float 16(t+1) - shift,
        // which exists while 16(t+1) <= k, so no load leaves B's last line).
        float* line = b - shift;
        var control = Vector512.Create(shift) + Vector512.Create(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
        var current = Vector512.LoadAligned(line);
        for (; p <= k - 128; p += 128)
        {
            var n0 = Vector512.LoadAligned(line + p + 16);
            s0 = Vector512.FusedMultiplyAdd(Vector512.Load(a + p), Avx512F.PermuteVar16x32x2(current, control, n0), s0);
            var n1 = Vector512.LoadAligned(line + p + 32);
            s1 = Vector512.FusedMultiplyAdd(Vector512.Load(a + p + 16), Avx512F.PermuteVar16x32x2(n0, control, n1), s1);
            var n2 = Vector512.LoadAligned(line + p + 48);
            s2 = Vector512.FusedMultiplyAdd(Vector512.Load(a + p + 32), Avx512F.PermuteVar16x32x2(n1, control, n2), s2);
            var n3 = Vector512.LoadAligned(line + p + 64);
            s3 = Vector512.FusedMultiplyAdd(Vector512.Load(a + p + 48), Avx512F.PermuteVar16x32x2(n2, control, n3), s3);
            var n4 = Vector512.LoadAligned(line + p + 80);
            s4 = Vector512.FusedMultiplyAdd(Vector512.Load(a + p + 64), Avx512F.PermuteVar16x32x2(n3, control, n4), s4);
            var n5 = Vector512.LoadAligned(line + p + 96);
            s5 = Vector512.FusedMultiplyAdd(Vector512.Load(a + p + 80), Avx512F.PermuteVar16x32x2(n4, control, n5), s5);
            var n6 = Vector512.LoadAligned(line + p + 112);
            s6 = Vector512.FusedMultiplyAdd(Vector512.Load(a + p + 96), Avx512F.PermuteVar16x32x2(n5, control, n6), s6);
            var n7 = Vector512.LoadAligned(line + p + 128);
            s7 = Vector512.FusedMultiplyAdd(Vector512.Load(a + p + 112), Avx512F.PermuteVar16x32x2(n6, control, n7), s7);
            current = n7;
        }

        for (; p <= k - 16; p += 16)
        {
            var next = Vector512.LoadAligned(line + p + 16);
            s0 = Vector512.FusedMultiplyAdd(Vector512.Load(a + p), Avx512F.PermuteVar16x32x2(current, control, next), s0);
            current = next;
        }

        return Finish(Vector512.Sum(((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7))), a, b, p, k);
    }

    /// <summary><see cref="Row"/> for a 64-byte aligned row of B (or one shorter than a vector): the same sums.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float AlignedRow(float* a, float* b, int k)
    {
        Vector512<float> s0 = Vector512<float>.Zero, s1 = Vector512<float>.Zero, s2 = Vector512<float>.Zero, s3 = Vector512<float>.Zero, s4 = Vector512<float>.Zero, s5 = Vector512<float>.Zero, s6 = Vector512<float>.Zero, s7 = Vector512<float>.Zero;
        int p = 0;
        for (; p <= k - 128; p += 128)
        {
            s0 = Vector512.FusedMultiplyAdd(Vector512.Load(a + p), Vector512.LoadAligned(b + p), s0);
            s1 = Vector512.FusedMultiplyAdd(Vector512.Load(a + p + 16), Vector512.LoadAligned(b + p + 16), s1);
            s2 = Vector512.FusedMultiplyAdd(Vector512.Load(a + p + 32), Vector512.LoadAligned(b + p + 32), s2);
            s3 = Vector512.FusedMultiplyAdd(Vector512.Load(a + p + 48), Vector512.LoadAligned(b + p + 48), s3);
            s4 = Vector512.FusedMultiplyAdd(Vector512.Load(a + p + 64), Vector512.LoadAligned(b + p + 64), s4);
            s5 = Vector512.FusedMultiplyAdd(Vector512.Load(a + p + 80), Vector512.LoadAligned(b + p + 80), s5);
            s6 = Vector512.FusedMultiplyAdd(Vector512.Load(a + p + 96), Vector512.LoadAligned(b + p + 96), s6);
            s7 = Vector512.FusedMultiplyAdd(Vector512.Load(a + p + 112), Vector512.LoadAligned(b + p + 112), s7);
        }

        for (; p <= k - 16; p += 16)
        {
            s0 = Vector512.FusedMultiplyAdd(Vector512.Load(a + p), Vector512.LoadAligned(b + p), s0);
        }

        return Finish(Vector512.Sum(((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7))), a, b, p, k);
    }

    /// <summary><c>&lt;a, b&gt;</c> over k floats, reduced like one element of a tile.</summary>
    public static float Dot1x1(float* a, float* b, int k)
    {
        var s = Vector512<float>.Zero;
        int p = 0;
        for (; p <= k - 16; p += 16)
        {
            s = Vector512.FusedMultiplyAdd(Vector512.Load(a + p), Vector512.Load(b + p), s);
        }

        return Finish(Vector512.Sum(s), a, b, p, k);
    }

    /// <summary>Adds the last <c>k mod W</c> products, in order, to a vector dot product's lane sum.</summary>
    private static float Finish(float sum, float* a, float* b, int p, int k)
    {
        for (; p < k; p++)
        {
            sum = MathF.FusedMultiplyAdd(a[p], b[p], sum);
        }

        return sum;
    }
}

/// <summary>The AVX2 dot tiles.</summary>
internal static unsafe class GemmDotTile256
{
    /// <summary><c>C[4×4] = init + A[4×k] · B[4×k]ᵀ</c>, both operands read row by row.</summary>
    public static void Dot4x4(float* a, nint lda, float* b, nint ldb, int k, float* c, nint ldc, float* init, nint initRowStride)
    {
        Vector256<float> s00 = Vector256<float>.Zero, s01 = Vector256<float>.Zero, s02 = Vector256<float>.Zero, s03 = Vector256<float>.Zero, s10 = Vector256<float>.Zero, s11 = Vector256<float>.Zero, s12 = Vector256<float>.Zero, s13 = Vector256<float>.Zero, s20 = Vector256<float>.Zero, s21 = Vector256<float>.Zero, s22 = Vector256<float>.Zero, s23 = Vector256<float>.Zero, s30 = Vector256<float>.Zero, s31 = Vector256<float>.Zero, s32 = Vector256<float>.Zero, s33 = Vector256<float>.Zero;
        int p = 0;
        for (; p <= k - 8; p += 8)
        {
            var a0 = Vector256.Load(a + p);
            var a1 = Vector256.Load(a + lda + p);
            var a2 = Vector256.Load(a + 2 * lda + p);
            var a3 = Vector256.Load(a + 3 * lda + p);
            var b0 = Vector256.Load(b + p);
            s00 = Vector256.FusedMultiplyAdd(a0, b0, s00);
            s10 = Vector256.FusedMultiplyAdd(a1, b0, s10);
            s20 = Vector256.FusedMultiplyAdd(a2, b0, s20);
            s30 = Vector256.FusedMultiplyAdd(a3, b0, s30);
            var b1 = Vector256.Load(b + ldb + p);
            s01 = Vector256.FusedMultiplyAdd(a0, b1, s01);
            s11 = Vector256.FusedMultiplyAdd(a1, b1, s11);
            s21 = Vector256.FusedMultiplyAdd(a2, b1, s21);
            s31 = Vector256.FusedMultiplyAdd(a3, b1, s31);
            var b2 = Vector256.Load(b + 2 * ldb + p);
            s02 = Vector256.FusedMultiplyAdd(a0, b2, s02);
            s12 = Vector256.FusedMultiplyAdd(a1, b2, s12);
            s22 = Vector256.FusedMultiplyAdd(a2, b2, s22);
            s32 = Vector256.FusedMultiplyAdd(a3, b2, s32);
            var b3 = Vector256.Load(b + 3 * ldb + p);
            s03 = Vector256.FusedMultiplyAdd(a0, b3, s03);
            s13 = Vector256.FusedMultiplyAdd(a1, b3, s13);
            s23 = Vector256.FusedMultiplyAdd(a2, b3, s23);
            s33 = Vector256.FusedMultiplyAdd(a3, b3, s33);
        }

        c[0] = init[0] + Finish(Vector256.Sum(s00), a, b, p, k);
        c[1] = init[1] + Finish(Vector256.Sum(s01), a, b + ldb, p, k);
        c[2] = init[2] + Finish(Vector256.Sum(s02), a, b + 2 * ldb, p, k);
        c[3] = init[3] + Finish(Vector256.Sum(s03), a, b + 3 * ldb, p, k);
        c[ldc + 0] = init[initRowStride + 0] + Finish(Vector256.Sum(s10), a + lda, b, p, k);
        c[ldc + 1] = init[initRowStride + 1] + Finish(Vector256.Sum(s11), a + lda, b + ldb, p, k);
        c[ldc + 2] = init[initRowStride + 2] + Finish(Vector256.Sum(s12), a + lda, b + 2 * ldb, p, k);
        c[ldc + 3] = init[initRowStride + 3] + Finish(Vector256.Sum(s13), a + lda, b + 3 * ldb, p, k);
        c[2 * ldc + 0] = init[2 * initRowStride + 0] + Finish(Vector256.Sum(s20), a + 2 * lda, b, p, k);
        c[2 * ldc + 1] = init[2 * initRowStride + 1] + Finish(Vector256.Sum(s21), a + 2 * lda, b + ldb, p, k);
        c[2 * ldc + 2] = init[2 * initRowStride + 2] + Finish(Vector256.Sum(s22), a + 2 * lda, b + 2 * ldb, p, k);
        c[2 * ldc + 3] = init[2 * initRowStride + 3] + Finish(Vector256.Sum(s23), a + 2 * lda, b + 3 * ldb, p, k);
        c[3 * ldc + 0] = init[3 * initRowStride + 0] + Finish(Vector256.Sum(s30), a + 3 * lda, b, p, k);
        c[3 * ldc + 1] = init[3 * initRowStride + 1] + Finish(Vector256.Sum(s31), a + 3 * lda, b + ldb, p, k);
        c[3 * ldc + 2] = init[3 * initRowStride + 2] + Finish(Vector256.Sum(s32), a + 3 * lda, b + 2 * ldb, p, k);
        c[3 * ldc + 3] = init[3 * initRowStride + 3] + Finish(Vector256.Sum(s33), a + 3 * lda, b + 3 * ldb, p, k);
    }

    /// <summary>
    /// <c>&lt;a, b&gt;</c> over k floats for one row of A alone: eight accumulators over blocks of 64 floats (one stream
    /// through B, which is what lets a batch-1 product read its weights from L2 at full speed; eight rows side by side
    /// ran 1.5 times slower), the rest of the 8-float chunks into the first, then
    /// <c>((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7))</c>, its lane sum and the last <c>k mod 8</c> products.
    /// </summary>
    public static float Row(float* a, float* b, int k)
    {
        Vector256<float> s0 = Vector256<float>.Zero, s1 = Vector256<float>.Zero, s2 = Vector256<float>.Zero, s3 = Vector256<float>.Zero, s4 = Vector256<float>.Zero, s5 = Vector256<float>.Zero, s6 = Vector256<float>.Zero, s7 = Vector256<float>.Zero;
        int p = 0;
        for (; p <= k - 64; p += 64)
        {
            s0 = Vector256.FusedMultiplyAdd(Vector256.Load(a + p), Vector256.Load(b + p), s0);
            s1 = Vector256.FusedMultiplyAdd(Vector256.Load(a + p + 8), Vector256.Load(b + p + 8), s1);
            s2 = Vector256.FusedMultiplyAdd(Vector256.Load(a + p + 16), Vector256.Load(b + p + 16), s2);
            s3 = Vector256.FusedMultiplyAdd(Vector256.Load(a + p + 24), Vector256.Load(b + p + 24), s3);
            s4 = Vector256.FusedMultiplyAdd(Vector256.Load(a + p + 32), Vector256.Load(b + p + 32), s4);
            s5 = Vector256.FusedMultiplyAdd(Vector256.Load(a + p + 40), Vector256.Load(b + p + 40), s5);
            s6 = Vector256.FusedMultiplyAdd(Vector256.Load(a + p + 48), Vector256.Load(b + p + 48), s6);
            s7 = Vector256.FusedMultiplyAdd(Vector256.Load(a + p + 56), Vector256.Load(b + p + 56), s7);
        }

        for (; p <= k - 8; p += 8)
        {
            s0 = Vector256.FusedMultiplyAdd(Vector256.Load(a + p), Vector256.Load(b + p), s0);
        }

        return Finish(Vector256.Sum(((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7))), a, b, p, k);
    }

    /// <summary><c>&lt;a, b&gt;</c> over k floats, reduced like one element of a tile.</summary>
    public static float Dot1x1(float* a, float* b, int k)
    {
        var s = Vector256<float>.Zero;
        int p = 0;
        for (; p <= k - 8; p += 8)
        {
            s = Vector256.FusedMultiplyAdd(Vector256.Load(a + p), Vector256.Load(b + p), s);
        }

        return Finish(Vector256.Sum(s), a, b, p, k);
    }

    /// <summary>Adds the last <c>k mod W</c> products, in order, to a vector dot product's lane sum.</summary>
    private static float Finish(float sum, float* a, float* b, int p, int k)
    {
        for (; p < k; p++)
        {
            sum = MathF.FusedMultiplyAdd(a[p], b[p], sum);
        }

        return sum;
    }
}
