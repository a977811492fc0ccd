using System;
using System.ComponentModel;
using System.Numerics.Tensors;

namespace Butterfly.Kernels;

/// <summary>An embedding table's lookup and its sparse backward.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Embedding
{
    /// <summary><c>Y[p, :] = E[tokens[p], :]</c> for every position <c>p</c> of the batch: a row copy per token.</summary>
    public static void Gather(ReadOnlySpan<int> tokens, ReadOnlySpan<float> table, Span<float> output, int dimensions)
    {
        for (int p = 0; p < tokens.Length; p++)
        {
            table.Slice(tokens[p] * dimensions, dimensions).CopyTo(output.Slice(p * dimensions, dimensions));
        }
    }

    /// <summary>
    /// <c>dE[t, :] = Σ_{p : tokens[p] = t} dY[p, :]</c>, the lookup's Jacobian transposed: the rows the last backward
    /// touched are zeroed, then each position's gradient is added to its token's row, which is marked in
    /// <paramref name="rows"/>. Every other row stays zero, and the work is <c>O(positions × dimensions)</c>, whatever the vocabulary.
    /// </summary>
    public static void ScatterAdd(ReadOnlySpan<int> tokens, ReadOnlySpan<float> outputGradient, Span<float> tableGradient, TouchedRows rows, int dimensions)
    {
        ArgumentNullException.ThrowIfNull(rows);
        rows.Zero(tableGradient, dimensions);
        rows.Reset();
        for (int p = 0; p < tokens.Length; p++)
        {
            var row = tableGradient.Slice(tokens[p] * dimensions, dimensions);
            TensorPrimitives.Add(row, outputGradient.Slice(p * dimensions, dimensions), row);
            rows.Mark(tokens[p]);
        }
    }
}
