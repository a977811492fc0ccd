using System;
using System.Numerics.Tensors;

namespace Butterfly.Kernels;

/// <summary>
/// Single-precision matrix products over row-major spans, in the three transposition variants training
/// needs: forward <c>Z = X Wᵀ</c>, backward <c>dX = dZ W</c> and <c>dW = dZᵀ X</c>.
/// </summary>
public static class Gemm
{
    /// <summary><c>C[m×n] = A[m×k] · B[n×k]ᵀ</c>, or <c>C += ...</c> when <paramref name="accumulate"/>.</summary>
    public static void ABt(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int n, int k, bool accumulate = false)
    {
        CheckShapes(a.Length, b.Length, c.Length, m, n, k);
        for (int i = 0; i < m; i++)
        {
            var row = a.Slice(i * k, k);
            var cRow = c.Slice(i * n, n);
            for (int j = 0; j < n; j++)
            {
                float dot = TensorPrimitives.Dot(row, b.Slice(j * k, k));
                cRow[j] = accumulate ? cRow[j] + dot : dot;
            }
        }
    }

    /// <summary><c>C[m×n] = A[m×k] · B[k×n]</c>, or <c>C += ...</c> when <paramref name="accumulate"/>.</summary>
    public static void AB(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int n, int k, bool accumulate = false)
    {
        CheckShapes(a.Length, b.Length, c.Length, m, n, k);
        for (int i = 0; i < m; i++)
        {
            var cRow = c.Slice(i * n, n);
            if (!accumulate)
            {
                cRow.Clear();
            }

            for (int p = 0; p < k; p++)
            {
                TensorPrimitives.MultiplyAdd(b.Slice(p * n, n), a[i * k + p], cRow, cRow);
            }
        }
    }

    /// <summary><c>C[m×n] = A[k×m]ᵀ · B[k×n]</c>, or <c>C += ...</c> when <paramref name="accumulate"/>.</summary>
    public static void AtB(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int n, int k, bool accumulate = false)
    {
        CheckShapes(a.Length, b.Length, c.Length, m, n, k);
        if (!accumulate)
        {
            c.Slice(0, m * n).Clear();
        }

        for (int p = 0; p < k; p++)
        {
            var bRow = b.Slice(p * n, n);
            for (int i = 0; i < m; i++)
            {
                var cRow = c.Slice(i * n, n);
                TensorPrimitives.MultiplyAdd(bRow, a[p * m + i], cRow, cRow);
            }
        }
    }

    private static void CheckShapes(int aLength, int bLength, int cLength, int m, int n, int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(m);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        if (aLength < (long)m * k)
        {
            throw new ArgumentException($"a must hold at least m*k = {(long)m * k} floats (got {aLength}).", "a");
        }

        if (bLength < (long)n * k)
        {
            throw new ArgumentException($"b must hold at least n*k = {(long)n * k} floats (got {bLength}).", "b");
        }

        if (cLength < (long)m * n)
        {
            throw new ArgumentException($"c must hold at least m*n = {(long)m * n} floats (got {cLength}).", "c");
        }
    }
}
