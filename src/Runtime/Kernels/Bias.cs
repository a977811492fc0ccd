using System;
using System.ComponentModel;
using System.Numerics.Tensors;

namespace Butterfly.Kernels;

/// <summary>The bias terms of a batched layer.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Bias
{
    /// <summary><c>Z[i, :] += b</c> for every row <c>i</c> of <c>Z[m×n]</c>.</summary>
    public static void AddToRows(Span<float> z, ReadOnlySpan<float> bias, int m, int n)
    {
        bias = bias.Slice(0, n);
        for (int i = 0; i < m; i++)
        {
            var row = z.Slice(i * n, n);
            TensorPrimitives.Add(row, bias, row);
        }
    }

    /// <summary><c>db = sum_i dZ[i, :]</c> over the rows of <c>dZ[m×n]</c>.</summary>
    public static void SumRows(ReadOnlySpan<float> dz, Span<float> bias, int m, int n)
    {
        bias = bias.Slice(0, n);
        dz.Slice(0, n).CopyTo(bias);
        for (int i = 1; i < m; i++)
        {
            TensorPrimitives.Add(bias, dz.Slice(i * n, n), bias);
        }
    }
}
