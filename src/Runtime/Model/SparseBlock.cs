using System;
using System.ComponentModel;

namespace Butterfly;

/// <summary>
/// A parameter block whose gradient is non-zero only in the rows <see cref="Rows"/> lists: block
/// <see cref="Block"/> of the network's <see cref="INetwork.ParameterBlocks"/>, in rows of <see cref="RowLength"/>
/// floats. <see cref="Optimizer.Step(Span{float}, ReadOnlySpan{float}, ReadOnlySpan{ParameterBlock}, ReadOnlySpan{SparseBlock})"/>
/// updates only those rows when its rule allows.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly record struct SparseBlock
{
    /// <summary>Describes a row-sparse block.</summary>
    /// <param name="block">Its index among the network's parameter blocks; not negative.</param>
    /// <param name="rowLength">Floats per row; positive.</param>
    /// <param name="rows">The rows backward touched.</param>
    public SparseBlock(int block, int rowLength, TouchedRows rows)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(block);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rowLength);
        ArgumentNullException.ThrowIfNull(rows);
        Block = block;
        RowLength = rowLength;
        Rows = rows;
    }

    /// <summary>The block's index among the network's parameter blocks.</summary>
    public int Block { get; }

    /// <summary>Floats per row.</summary>
    public int RowLength { get; }

    /// <summary>The rows backward touched.</summary>
    public TouchedRows Rows { get; }
}
