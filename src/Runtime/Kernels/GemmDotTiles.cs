using System;
using System.Runtime.Intrinsics;

namespace Butterfly.Kernels;

// Dot-product tiles for A·Bᵀ when A has few rows (a small batch through a dense layer). Both operands are read
// along k with unit stride, so nothing is packed: packing Bᵀ (a transpose of the whole weight matrix) would cost
// as much as the product itself. A 4 × 4 tile keeps 16 vector accumulators and reuses each load four times;
//     C[i, j] = init[i, j] + Σ_lanes (Σ_chunks a_i ⊙ b_j) + Σ_{p ≥ k - k mod W} a_i[p] b_j[p],
// the same order for every element whichever tile or thread computes it.

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

    /// <summary><c>C[1×4] = init + A[1×k] · B[4×k]ᵀ</c>, both operands read row by row.</summary>
    public static void Dot1x4(float* a, nint lda, float* b, nint ldb, int k, float* c, nint ldc, float* init, nint initRowStride)
    {
        Vector512<float> s00 = Vector512<float>.Zero, s01 = Vector512<float>.Zero, s02 = Vector512<float>.Zero, s03 = Vector512<float>.Zero;
        int p = 0;
        for (; p <= k - 16; p += 16)
        {
            var a0 = Vector512.Load(a + p);
            var b0 = Vector512.Load(b + p);
            s00 = Vector512.FusedMultiplyAdd(a0, b0, s00);
            var b1 = Vector512.Load(b + ldb + p);
            s01 = Vector512.FusedMultiplyAdd(a0, b1, s01);
            var b2 = Vector512.Load(b + 2 * ldb + p);
            s02 = Vector512.FusedMultiplyAdd(a0, b2, s02);
            var b3 = Vector512.Load(b + 3 * ldb + p);
            s03 = Vector512.FusedMultiplyAdd(a0, b3, s03);
        }

        c[0] = init[0] + Finish(Vector512.Sum(s00), a, b, p, k);
        c[1] = init[1] + Finish(Vector512.Sum(s01), a, b + ldb, p, k);
        c[2] = init[2] + Finish(Vector512.Sum(s02), a, b + 2 * ldb, p, k);
        c[3] = init[3] + Finish(Vector512.Sum(s03), a, b + 3 * ldb, p, k);
    }

    /// <summary><c>C[1×8] = init + A[1×k] · B[8×k]ᵀ</c>, both operands read row by row.</summary>
    public static void Dot1x8(float* a, float* b, nint ldb, int k, float* c, float* init)
    {
        Vector512<float> s0 = Vector512<float>.Zero, s1 = Vector512<float>.Zero, s2 = Vector512<float>.Zero, s3 = Vector512<float>.Zero, s4 = Vector512<float>.Zero, s5 = Vector512<float>.Zero, s6 = Vector512<float>.Zero, s7 = Vector512<float>.Zero;
        int p = 0;
        for (; p <= k - 16; p += 16)
        {
            var a0 = Vector512.Load(a + p);
            s0 = Vector512.FusedMultiplyAdd(a0, Vector512.Load(b + p), s0);
            s1 = Vector512.FusedMultiplyAdd(a0, Vector512.Load(b + ldb + p), s1);
            s2 = Vector512.FusedMultiplyAdd(a0, Vector512.Load(b + 2 * ldb + p), s2);
            s3 = Vector512.FusedMultiplyAdd(a0, Vector512.Load(b + 3 * ldb + p), s3);
            s4 = Vector512.FusedMultiplyAdd(a0, Vector512.Load(b + 4 * ldb + p), s4);
            s5 = Vector512.FusedMultiplyAdd(a0, Vector512.Load(b + 5 * ldb + p), s5);
            s6 = Vector512.FusedMultiplyAdd(a0, Vector512.Load(b + 6 * ldb + p), s6);
            s7 = Vector512.FusedMultiplyAdd(a0, Vector512.Load(b + 7 * ldb + p), s7);
        }

        c[0] = init[0] + Finish(Vector512.Sum(s0), a, b, p, k);
        c[1] = init[1] + Finish(Vector512.Sum(s1), a, b + ldb, p, k);
        c[2] = init[2] + Finish(Vector512.Sum(s2), a, b + 2 * ldb, p, k);
        c[3] = init[3] + Finish(Vector512.Sum(s3), a, b + 3 * ldb, p, k);
        c[4] = init[4] + Finish(Vector512.Sum(s4), a, b + 4 * ldb, p, k);
        c[5] = init[5] + Finish(Vector512.Sum(s5), a, b + 5 * ldb, p, k);
        c[6] = init[6] + Finish(Vector512.Sum(s6), a, b + 6 * ldb, p, k);
        c[7] = init[7] + Finish(Vector512.Sum(s7), a, b + 7 * ldb, p, k);
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

    /// <summary><c>C[1×4] = init + A[1×k] · B[4×k]ᵀ</c>, both operands read row by row.</summary>
    public static void Dot1x4(float* a, nint lda, float* b, nint ldb, int k, float* c, nint ldc, float* init, nint initRowStride)
    {
        Vector256<float> s00 = Vector256<float>.Zero, s01 = Vector256<float>.Zero, s02 = Vector256<float>.Zero, s03 = Vector256<float>.Zero;
        int p = 0;
        for (; p <= k - 8; p += 8)
        {
            var a0 = Vector256.Load(a + p);
            var b0 = Vector256.Load(b + p);
            s00 = Vector256.FusedMultiplyAdd(a0, b0, s00);
            var b1 = Vector256.Load(b + ldb + p);
            s01 = Vector256.FusedMultiplyAdd(a0, b1, s01);
            var b2 = Vector256.Load(b + 2 * ldb + p);
            s02 = Vector256.FusedMultiplyAdd(a0, b2, s02);
            var b3 = Vector256.Load(b + 3 * ldb + p);
            s03 = Vector256.FusedMultiplyAdd(a0, b3, s03);
        }

        c[0] = init[0] + Finish(Vector256.Sum(s00), a, b, p, k);
        c[1] = init[1] + Finish(Vector256.Sum(s01), a, b + ldb, p, k);
        c[2] = init[2] + Finish(Vector256.Sum(s02), a, b + 2 * ldb, p, k);
        c[3] = init[3] + Finish(Vector256.Sum(s03), a, b + 3 * ldb, p, k);
    }

    /// <summary><c>C[1×8] = init + A[1×k] · B[8×k]ᵀ</c>, both operands read row by row.</summary>
    public static void Dot1x8(float* a, float* b, nint ldb, int k, float* c, float* init)
    {
        Vector256<float> s0 = Vector256<float>.Zero, s1 = Vector256<float>.Zero, s2 = Vector256<float>.Zero, s3 = Vector256<float>.Zero, s4 = Vector256<float>.Zero, s5 = Vector256<float>.Zero, s6 = Vector256<float>.Zero, s7 = Vector256<float>.Zero;
        int p = 0;
        for (; p <= k - 8; p += 8)
        {
            var a0 = Vector256.Load(a + p);
            s0 = Vector256.FusedMultiplyAdd(a0, Vector256.Load(b + p), s0);
            s1 = Vector256.FusedMultiplyAdd(a0, Vector256.Load(b + ldb + p), s1);
            s2 = Vector256.FusedMultiplyAdd(a0, Vector256.Load(b + 2 * ldb + p), s2);
            s3 = Vector256.FusedMultiplyAdd(a0, Vector256.Load(b + 3 * ldb + p), s3);
            s4 = Vector256.FusedMultiplyAdd(a0, Vector256.Load(b + 4 * ldb + p), s4);
            s5 = Vector256.FusedMultiplyAdd(a0, Vector256.Load(b + 5 * ldb + p), s5);
            s6 = Vector256.FusedMultiplyAdd(a0, Vector256.Load(b + 6 * ldb + p), s6);
            s7 = Vector256.FusedMultiplyAdd(a0, Vector256.Load(b + 7 * ldb + p), s7);
        }

        c[0] = init[0] + Finish(Vector256.Sum(s0), a, b, p, k);
        c[1] = init[1] + Finish(Vector256.Sum(s1), a, b + ldb, p, k);
        c[2] = init[2] + Finish(Vector256.Sum(s2), a, b + 2 * ldb, p, k);
        c[3] = init[3] + Finish(Vector256.Sum(s3), a, b + 3 * ldb, p, k);
        c[4] = init[4] + Finish(Vector256.Sum(s4), a, b + 4 * ldb, p, k);
        c[5] = init[5] + Finish(Vector256.Sum(s5), a, b + 5 * ldb, p, k);
        c[6] = init[6] + Finish(Vector256.Sum(s6), a, b + 6 * ldb, p, k);
        c[7] = init[7] + Finish(Vector256.Sum(s7), a, b + 7 * ldb, p, k);
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
