using System;

namespace Butterfly;

/// <summary>
/// A parameter block whose gradient is non-zero only in the rows <see cref="Rows"/> lists: block
/// <see cref="Block"/> of the network's <see cref="INetwork.ParameterBlocks"/>, in rows of <see cref="RowLength"/>
/// floats. <see cref="Optimizer.Step(Span{float}, ReadOnlySpan{float}, ReadOnlySpan{ParameterBlock}, ReadOnlySpan{SparseBlock})"/>
/// updates only those rows when its rule allows.
/// </summary>
public readonly record struct SparseBlock(int Block, int RowLength, TouchedRows Rows);
