using System.Numerics;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Butterfly.Kernels;

// The register-blocked micro-kernels of the packed GEMM, one per instruction-set path. Each computes one tile
//     C[MR×NR] (+)= Σ_p a[p, 0..MR) ⊗ b[p, 0..NR)
// from packed panels: a holds MR floats per step p (one column of the tile's A rows), b holds NR floats per step
// (one row of the tile's B columns). The tile's MR × NR/W accumulators live in vector registers for the whole
// k loop, and every step is NR/W loads, MR broadcasts and MR × NR/W fused multiply-adds; each C element is
// reduced in the order p = 0, 1, ..., which does not depend on how the work is split between threads. The sums
// start from zero and the initial value (C itself when accumulating, the bias row, or nothing) is added after the
// loop: the tile's rows of C, prefetched first, arrive while the sums build up.

/// <summary>The 512-bit micro-kernel: 12 × 32, 24 accumulators of 16 floats (of the 32 zmm registers).</summary>
internal static unsafe class GemmTile512
{
    public const int Rows = 12;
    public const int Columns = 32;
    private const int W = 16;

    /// <summary><c>C[12×32] (+)= A[12×kc] · B[kc×32]</c> from packed panels, plus <paramref name="init"/> (rows <paramref name="initStride"/> apart) unless it is null.</summary>
    public static void Multiply(int kc, float* a, float* b, float* c, nint ldc, float* init, nint initStride)
    {
        // C is read (when it is init) and written after the loop: its rows, prefetched here, arrive meanwhile.
        if (Sse.IsSupported)
        {
            for (int r = 0; r < Rows; r++)
            {
                float* row = c + r * ldc;
                Sse.Prefetch0(row);
                Sse.Prefetch0(row + W);
                Sse.Prefetch0(row + Columns - 1);
            }
        }

        Vector512<float> c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51, c60, c61, c70, c71, c80, c81, c90, c91, c100, c101, c110, c111;
        c00 = c01 = c10 = c11 = c20 = c21 = c30 = c31 = c40 = c41 = c50 = c51 = c60 = c61 = c70 = c71 = c80 = c81 = c90 = c91 = c100 = c101 = c110 = c111 = Vector512<float>.Zero;

        for (int p = 0; p < kc; p++)
        {
            var b0 = Vector512.Load(b);
            var b1 = Vector512.Load(b + W);
            var a0 = Vector512.Create(a[0]);
            c00 = Vector512.FusedMultiplyAdd(a0, b0, c00);
            c01 = Vector512.FusedMultiplyAdd(a0, b1, c01);
            var a1 = Vector512.Create(a[1]);
            c10 = Vector512.FusedMultiplyAdd(a1, b0, c10);
            c11 = Vector512.FusedMultiplyAdd(a1, b1, c11);
            var a2 = Vector512.Create(a[2]);
            c20 = Vector512.FusedMultiplyAdd(a2, b0, c20);
            c21 = Vector512.FusedMultiplyAdd(a2, b1, c21);
            var a3 = Vector512.Create(a[3]);
            c30 = Vector512.FusedMultiplyAdd(a3, b0, c30);
            c31 = Vector512.FusedMultiplyAdd(a3, b1, c31);
            var a4 = Vector512.Create(a[4]);
            c40 = Vector512.FusedMultiplyAdd(a4, b0, c40);
            c41 = Vector512.FusedMultiplyAdd(a4, b1, c41);
            var a5 = Vector512.Create(a[5]);
            c50 = Vector512.FusedMultiplyAdd(a5, b0, c50);
            c51 = Vector512.FusedMultiplyAdd(a5, b1, c51);
            var a6 = Vector512.Create(a[6]);
            c60 = Vector512.FusedMultiplyAdd(a6, b0, c60);
            c61 = Vector512.FusedMultiplyAdd(a6, b1, c61);
            var a7 = Vector512.Create(a[7]);
            c70 = Vector512.FusedMultiplyAdd(a7, b0, c70);
            c71 = Vector512.FusedMultiplyAdd(a7, b1, c71);
            var a8 = Vector512.Create(a[8]);
            c80 = Vector512.FusedMultiplyAdd(a8, b0, c80);
            c81 = Vector512.FusedMultiplyAdd(a8, b1, c81);
            var a9 = Vector512.Create(a[9]);
            c90 = Vector512.FusedMultiplyAdd(a9, b0, c90);
            c91 = Vector512.FusedMultiplyAdd(a9, b1, c91);
            var a10 = Vector512.Create(a[10]);
            c100 = Vector512.FusedMultiplyAdd(a10, b0, c100);
            c101 = Vector512.FusedMultiplyAdd(a10, b1, c101);
            var a11 = Vector512.Create(a[11]);
            c110 = Vector512.FusedMultiplyAdd(a11, b0, c110);
            c111 = Vector512.FusedMultiplyAdd(a11, b1, c111);
            a += 12;
            b += 2 * W;
        }

        if (init != null)
        {
            c00 += Vector512.Load(init);
            c01 += Vector512.Load(init + W);
            c10 += Vector512.Load(init + initStride);
            c11 += Vector512.Load(init + initStride + W);
            c20 += Vector512.Load(init + 2 * initStride);
            c21 += Vector512.Load(init + 2 * initStride + W);
            c30 += Vector512.Load(init + 3 * initStride);
            c31 += Vector512.Load(init + 3 * initStride + W);
            c40 += Vector512.Load(init + 4 * initStride);
            c41 += Vector512.Load(init + 4 * initStride + W);
            c50 += Vector512.Load(init + 5 * initStride);
            c51 += Vector512.Load(init + 5 * initStride + W);
            c60 += Vector512.Load(init + 6 * initStride);
            c61 += Vector512.Load(init + 6 * initStride + W);
            c70 += Vector512.Load(init + 7 * initStride);
            c71 += Vector512.Load(init + 7 * initStride + W);
            c80 += Vector512.Load(init + 8 * initStride);
            c81 += Vector512.Load(init + 8 * initStride + W);
            c90 += Vector512.Load(init + 9 * initStride);
            c91 += Vector512.Load(init + 9 * initStride + W);
            c100 += Vector512.Load(init + 10 * initStride);
            c101 += Vector512.Load(init + 10 * initStride + W);
            c110 += Vector512.Load(init + 11 * initStride);
            c111 += Vector512.Load(init + 11 * initStride + W);
        }

        c00.Store(c);
        c01.Store(c + W);
        c10.Store(c + ldc);
        c11.Store(c + ldc + W);
        c20.Store(c + 2 * ldc);
        c21.Store(c + 2 * ldc + W);
        c30.Store(c + 3 * ldc);
        c31.Store(c + 3 * ldc + W);
        c40.Store(c + 4 * ldc);
        c41.Store(c + 4 * ldc + W);
        c50.Store(c + 5 * ldc);
        c51.Store(c + 5 * ldc + W);
        c60.Store(c + 6 * ldc);
        c61.Store(c + 6 * ldc + W);
        c70.Store(c + 7 * ldc);
        c71.Store(c + 7 * ldc + W);
        c80.Store(c + 8 * ldc);
        c81.Store(c + 8 * ldc + W);
        c90.Store(c + 9 * ldc);
        c91.Store(c + 9 * ldc + W);
        c100.Store(c + 10 * ldc);
        c101.Store(c + 10 * ldc + W);
        c110.Store(c + 11 * ldc);
        c111.Store(c + 11 * ldc + W);
    }
}

/// <summary>The AVX2 micro-kernel: 6 × 16, 12 accumulators of 8 floats (of the 16 ymm registers).</summary>
internal static unsafe class GemmTile256
{
    public const int Rows = 6;
    public const int Columns = 16;
    private const int W = 8;

    /// <summary><c>C[6×16] (+)= A[6×kc] · B[kc×16]</c> from packed panels, plus <paramref name="init"/> (rows <paramref name="initStride"/> apart) unless it is null.</summary>
    public static void Multiply(int kc, float* a, float* b, float* c, nint ldc, float* init, nint initStride)
    {
        // C is read (when it is init) and written after the loop: its rows, prefetched here, arrive meanwhile.
        if (Sse.IsSupported)
        {
            for (int r = 0; r < Rows; r++)
            {
                float* row = c + r * ldc;
                Sse.Prefetch0(row);
                Sse.Prefetch0(row + Columns - 1);
            }
        }

        Vector256<float> c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51;
        c00 = c01 = c10 = c11 = c20 = c21 = c30 = c31 = c40 = c41 = c50 = c51 = Vector256<float>.Zero;

        for (int p = 0; p < kc; p++)
        {
            var b0 = Vector256.Load(b);
            var b1 = Vector256.Load(b + W);
            var a0 = Vector256.Create(a[0]);
            c00 = Vector256.FusedMultiplyAdd(a0, b0, c00);
            c01 = Vector256.FusedMultiplyAdd(a0, b1, c01);
            var a1 = Vector256.Create(a[1]);
            c10 = Vector256.FusedMultiplyAdd(a1, b0, c10);
            c11 = Vector256.FusedMultiplyAdd(a1, b1, c11);
            var a2 = Vector256.Create(a[2]);
            c20 = Vector256.FusedMultiplyAdd(a2, b0, c20);
            c21 = Vector256.FusedMultiplyAdd(a2, b1, c21);
            var a3 = Vector256.Create(a[3]);
            c30 = Vector256.FusedMultiplyAdd(a3, b0, c30);
            c31 = Vector256.FusedMultiplyAdd(a3, b1, c31);
            var a4 = Vector256.Create(a[4]);
            c40 = Vector256.FusedMultiplyAdd(a4, b0, c40);
            c41 = Vector256.FusedMultiplyAdd(a4, b1, c41);
            var a5 = Vector256.Create(a[5]);
            c50 = Vector256.FusedMultiplyAdd(a5, b0, c50);
            c51 = Vector256.FusedMultiplyAdd(a5, b1, c51);
            a += 6;
            b += 2 * W;
        }

        if (init != null)
        {
            c00 += Vector256.Load(init);
            c01 += Vector256.Load(init + W);
            c10 += Vector256.Load(init + initStride);
            c11 += Vector256.Load(init + initStride + W);
            c20 += Vector256.Load(init + 2 * initStride);
            c21 += Vector256.Load(init + 2 * initStride + W);
            c30 += Vector256.Load(init + 3 * initStride);
            c31 += Vector256.Load(init + 3 * initStride + W);
            c40 += Vector256.Load(init + 4 * initStride);
            c41 += Vector256.Load(init + 4 * initStride + W);
            c50 += Vector256.Load(init + 5 * initStride);
            c51 += Vector256.Load(init + 5 * initStride + W);
        }

        c00.Store(c);
        c01.Store(c + W);
        c10.Store(c + ldc);
        c11.Store(c + ldc + W);
        c20.Store(c + 2 * ldc);
        c21.Store(c + 2 * ldc + W);
        c30.Store(c + 3 * ldc);
        c31.Store(c + 3 * ldc + W);
        c40.Store(c + 4 * ldc);
        c41.Store(c + 4 * ldc + W);
        c50.Store(c + 5 * ldc);
        c51.Store(c + 5 * ldc + W);
    }
}

/// <summary>The portable micro-kernel: 4 × 2 vectors of <see cref="Vector{T}"/>, whatever its width.</summary>
internal static unsafe class GemmTileVector
{
    public const int Rows = 4;
    private static readonly int W = Vector<float>.Count;

    public static int Columns => 2 * Vector<float>.Count;

    /// <summary><c>C[4×2W] (+)= A[4×kc] · B[kc×2W]</c> from packed panels, plus <paramref name="init"/> (rows <paramref name="initStride"/> apart) unless it is null.</summary>
    public static void Multiply(int kc, float* a, float* b, float* c, nint ldc, float* init, nint initStride)
    {
        Vector<float> c00, c01, c10, c11, c20, c21, c30, c31;
        c00 = c01 = c10 = c11 = c20 = c21 = c30 = c31 = Vector<float>.Zero;

        for (int p = 0; p < kc; p++)
        {
            var b0 = global::System.Runtime.CompilerServices.Unsafe.ReadUnaligned<Vector<float>>(b);
            var b1 = global::System.Runtime.CompilerServices.Unsafe.ReadUnaligned<Vector<float>>(b + W);
            var a0 = new Vector<float>(a[0]);
            c00 = Vector.FusedMultiplyAdd(a0, b0, c00);
            c01 = Vector.FusedMultiplyAdd(a0, b1, c01);
            var a1 = new Vector<float>(a[1]);
            c10 = Vector.FusedMultiplyAdd(a1, b0, c10);
            c11 = Vector.FusedMultiplyAdd(a1, b1, c11);
            var a2 = new Vector<float>(a[2]);
            c20 = Vector.FusedMultiplyAdd(a2, b0, c20);
            c21 = Vector.FusedMultiplyAdd(a2, b1, c21);
            var a3 = new Vector<float>(a[3]);
            c30 = Vector.FusedMultiplyAdd(a3, b0, c30);
            c31 = Vector.FusedMultiplyAdd(a3, b1, c31);
            a += 4;
            b += 2 * W;
        }

        if (init != null)
        {
            c00 += global::System.Runtime.CompilerServices.Unsafe.ReadUnaligned<Vector<float>>(init);
            c01 += global::System.Runtime.CompilerServices.Unsafe.ReadUnaligned<Vector<float>>(init + W);
            c10 += global::System.Runtime.CompilerServices.Unsafe.ReadUnaligned<Vector<float>>(init + initStride);
            c11 += global::System.Runtime.CompilerServices.Unsafe.ReadUnaligned<Vector<float>>(init + initStride + W);
            c20 += global::System.Runtime.CompilerServices.Unsafe.ReadUnaligned<Vector<float>>(init + 2 * initStride);
            c21 += global::System.Runtime.CompilerServices.Unsafe.ReadUnaligned<Vector<float>>(init + 2 * initStride + W);
            c30 += global::System.Runtime.CompilerServices.Unsafe.ReadUnaligned<Vector<float>>(init + 3 * initStride);
            c31 += global::System.Runtime.CompilerServices.Unsafe.ReadUnaligned<Vector<float>>(init + 3 * initStride + W);
        }

        global::System.Runtime.CompilerServices.Unsafe.WriteUnaligned(c, c00);
        global::System.Runtime.CompilerServices.Unsafe.WriteUnaligned(c + W, c01);
        global::System.Runtime.CompilerServices.Unsafe.WriteUnaligned(c + ldc, c10);
        global::System.Runtime.CompilerServices.Unsafe.WriteUnaligned(c + ldc + W, c11);
        global::System.Runtime.CompilerServices.Unsafe.WriteUnaligned(c + 2 * ldc, c20);
        global::System.Runtime.CompilerServices.Unsafe.WriteUnaligned(c + 2 * ldc + W, c21);
        global::System.Runtime.CompilerServices.Unsafe.WriteUnaligned(c + 3 * ldc, c30);
        global::System.Runtime.CompilerServices.Unsafe.WriteUnaligned(c + 3 * ldc + W, c31);
    }
}
