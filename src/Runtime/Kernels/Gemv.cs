using System;
using System.Numerics.Tensors;

namespace Butterfly.Kernels;

/// <summary>Matrix-vector products: the batch-1 form of a dense layer.</summary>
public static class Gemv
{
    /// <summary><c>y[n] = W[n×k] · x[k] + b[n]</c>.</summary>
    public static void MultiplyAddBias(ReadOnlySpan<float> w, ReadOnlySpan<float> x, ReadOnlySpan<float> bias, Span<float> y, int n, int k)
    {
        if (w.Length < (long)n * k)
        {
            throw new ArgumentException($"w must hold at least n*k = {(long)n * k} floats (got {w.Length}).", nameof(w));
        }

        x = x.Slice(0, k);
        for (int j = 0; j < n; j++)
        {
            y[j] = TensorPrimitives.Dot(w.Slice(j * k, k), x) + bias[j];
        }
    }
}
