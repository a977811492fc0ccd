using System;
using System.ComponentModel;

namespace Butterfly;

/// <summary>
/// The rows of a parameter matrix whose gradient a batch made non-zero (an embedding's used tokens, a hierarchical
/// softmax's nodes on the labels' paths), in the order first touched. A layer with a sparse gradient keeps its gradient
/// zero outside these rows, so an optimizer whose rule leaves a parameter alone when its gradient is 0 can update
/// these rows only. Generated networks own one per such layer; the storage is allocated once.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class TouchedRows
{
    private readonly int[] _rows;
    private readonly bool[] _marked;

    /// <summary>Tracks a matrix of <paramref name="rowCount"/> rows.</summary>
    public TouchedRows(int rowCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rowCount);
        _rows = new int[rowCount];
        _marked = new bool[rowCount];
    }

    /// <summary>The rows of the matrix.</summary>
    public int RowCount => _rows.Length;

    /// <summary>Whether every row may be non-zero (a dense backward ran); <see cref="Rows"/> is then not the list.</summary>
    public bool All { get; private set; }

    /// <summary>The touched rows, in the order first touched.</summary>
    public ReadOnlySpan<int> Rows => _rows.AsSpan(0, Count);

    /// <summary>How many rows are touched.</summary>
    public int Count { get; private set; }

    /// <summary>Records that <paramref name="row"/>'s gradient may be non-zero.</summary>
    public void Mark(int row)
    {
        if (!_marked[row])
        {
            _marked[row] = true;
            _rows[Count++] = row;
        }
    }

    /// <summary>Records that every row may be non-zero.</summary>
    public void MarkAll() => All = true;

    /// <summary>
    /// Zeroes the touched rows of <paramref name="gradient"/>, a matrix of rows of <paramref name="rowLength"/> floats (all of
    /// it after <see cref="MarkAll"/>): the start of a sparse backward, in <c>O(touched rows)</c> rather than <c>O(rows)</c>.
    /// A layer with several row-sparse tensors (weights and biases) zeroes each, then calls <see cref="Reset"/>.
    /// </summary>
    public void Zero(Span<float> gradient, int rowLength)
    {
        if (All)
        {
            gradient.Clear();
            return;
        }

        foreach (int row in Rows)
        {
            gradient.Slice(row * rowLength, rowLength).Clear();
        }
    }

    /// <summary>Forgets the touched rows; the gradients must be zero there already (see <see cref="Zero"/>).</summary>
    public void Reset()
    {
        if (All)
        {
            Array.Clear(_marked);
            All = false;
        }
        else
        {
            foreach (int row in Rows)
            {
                _marked[row] = false;
            }
        }

        Count = 0;
    }
}
