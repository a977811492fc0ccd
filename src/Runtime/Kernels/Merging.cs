using System;
using System.ComponentModel;
using System.Numerics;
using System.Numerics.Tensors;

namespace Butterfly.Kernels;

/// <summary>
/// The rules of the layers that merge several outputs into one (<c>[Add]</c>, <c>[Multiply]</c>, <c>[Concat]</c>) and
/// the sum a gradient takes where an output feeds several layers: <c>dE/dx = Σ_k (∂in_k/∂x)ᵀ dE/din_k</c>.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Merging
{
    /// <summary><c>y = a + b</c>, element-wise; <paramref name="y"/> may be <paramref name="a"/>.</summary>
    public static void Add(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> y)
    {
        Check(a, b, y);
        TensorPrimitives.Add(a, b, y);
    }

    /// <summary>
    /// A sum and the ReLU after it in one pass: <c>rectified = max(0, a + b)</c>, and <c>sum = a + b</c> unless
    /// <paramref name="sum"/> is empty (a training step, whose backward reads only the rectified output). The bits are
    /// those of <see cref="Add"/> and then <see cref="Activations.ReLU"/>; without <paramref name="sum"/>, each block of
    /// <see cref="FusedBlock"/> floats is summed and rectified while it is in cache, so the sum never goes to memory.
    /// <paramref name="rectified"/> may be <paramref name="a"/> or <paramref name="sum"/>.
    /// </summary>
    public static void AddReLU(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> sum, Span<float> rectified)
    {
        Check(a, b, rectified);
        if (!sum.IsEmpty)
        {
            Arguments.HasLength(sum, a.Length, nameof(sum));
            TensorPrimitives.Add(a, b, sum);
            Activations.ReLU(sum, rectified);
            return;
        }

        for (int start = 0; start < a.Length; start += FusedBlock)
        {
            int length = Math.Min(FusedBlock, a.Length - start);
            var block = rectified.Slice(start, length);
            TensorPrimitives.Add(a.Slice(start, length), b.Slice(start, length), block);
            TensorPrimitives.Max(block, 0f, block);
        }
    }

    /// <summary>Floats summed and rectified at a time by <see cref="AddReLU"/>: 4 KB, well inside L1.</summary>
    private const int FusedBlock = 1024;

    /// <summary><c>y = a ⊙ b</c>, element-wise; <paramref name="y"/> may be <paramref name="a"/>.</summary>
    public static void Multiply(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> y)
    {
        Check(a, b, y);
        TensorPrimitives.Multiply(a, b, y);
    }

    /// <summary><c>y += a ⊙ b</c>, element-wise: a product's gradient added to what other readers gave.</summary>
    public static void MultiplyAdd(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> y)
    {
        Check(a, b, y);
        TensorPrimitives.MultiplyAdd(a, b, y, y);
    }

    /// <summary>
    /// <c>target += addend</c>: one reader's share of a gradient added to the others'. Large calls are split between
    /// threads in ranges; each element is one addition whoever computes it.
    /// </summary>
    public static unsafe void Accumulate(Span<float> target, ReadOnlySpan<float> addend)
    {
        Arguments.HasLength(addend, target.Length, nameof(addend));
        fixed (float* pt = target, pa = addend)
        {
            SplitJob.RunElementwise(&AccumulateBlocks, target.Length, 3, pt, pa, null);
        }
    }

    /// <summary>
    /// <c>target = source</c>: an operand's gradient where a layer passes its own on unchanged (a sum's), split between
    /// threads like <see cref="Accumulate"/>.
    /// </summary>
    public static unsafe void Copy(ReadOnlySpan<float> source, Span<float> target)
    {
        Arguments.HasLength(target, source.Length, nameof(target));
        fixed (float* ps = source, pt = target)
        {
            SplitJob.RunElementwise(&CopyBlocks, source.Length, 2, ps, pt, null);
        }
    }

    /// <summary>
    /// <c>dx = (dy + share) ⊙ [y &gt; 0]</c>: the last reader's share added to a ReLU's output gradient and the ReLU's
    /// backward rule, in one pass; the bits of <see cref="Accumulate"/> then <see cref="Activations.ReLUBackward"/>, without
    /// writing the sum. Split between threads like <see cref="Accumulate"/>.
    /// </summary>
    public static unsafe void AddReLUBackward(ReadOnlySpan<float> y, ReadOnlySpan<float> dy, ReadOnlySpan<float> share, Span<float> dx)
    {
        Arguments.HasLength(y, dx.Length, nameof(y));
        Arguments.HasLength(dy, dx.Length, nameof(dy));
        Arguments.HasLength(share, dx.Length, nameof(share));
        fixed (float* py = y, pdy = dy, ps = share, pdx = dx)
        {
            SplitJob.RunElementwise(&AddReLUBackwardBlocks, dx.Length, 4, py, pdy, ps, pdx);
        }
    }

    private static unsafe void AddReLUBackwardBlocks(SplitJob job, int from, int to)
    {
        var (start, length) = job.Floats(from, to);
        float* y = job.A + start, dy = job.B + start, share = job.C + start, dx = job.D + start;
        int i = 0;
        for (; i <= length - Vector<float>.Count; i += Vector<float>.Count)
        {
            var sum = Vector.Load(dy + i) + Vector.Load(share + i);
            Vector.ConditionalSelect(Vector.GreaterThan(Vector.Load(y + i), Vector<float>.Zero), sum, Vector<float>.Zero).Store(dx + i);
        }

        for (; i < length; i++)
        {
            dx[i] = y[i] > 0f ? dy[i] + share[i] : 0f;
        }
    }

    private static unsafe void AccumulateBlocks(SplitJob job, int from, int to)
    {
        var (start, length) = job.Floats(from, to);
        var target = new Span<float>(job.A + start, length);
        TensorPrimitives.Add(target, new ReadOnlySpan<float>(job.B + start, length), target);
    }

    private static unsafe void CopyBlocks(SplitJob job, int from, int to)
    {
        var (start, length) = job.Floats(from, to);
        new ReadOnlySpan<float>(job.A + start, length).CopyTo(new Span<float>(job.B + start, length));
    }

    /// <summary>
    /// Copies each of <paramref name="batch"/> samples of <paramref name="x"/> (<paramref name="part"/> floats each) into
    /// <paramref name="y"/> (<paramref name="total"/> floats a sample) at <paramref name="offset"/>: one operand of a
    /// concatenation along the first axis, which channels-first storage keeps contiguous within a sample.
    /// </summary>
    public static void Concat(ReadOnlySpan<float> x, Span<float> y, int batch, int part, int total, int offset)
    {
        CheckParts(batch, part, total, offset);
        Arguments.HasLength(x, batch * part, nameof(x));
        Arguments.HasLength(y, batch * total, nameof(y));
        for (int n = 0; n < batch; n++)
        {
            x.Slice(n * part, part).CopyTo(y.Slice(n * total + offset, part));
        }
    }

    /// <summary>
    /// The backward rule of <see cref="Concat"/>: each sample's slice of <paramref name="dy"/> at <paramref name="offset"/>
    /// goes to <paramref name="dx"/>, written over it, or added to it when <paramref name="accumulate"/>.
    /// </summary>
    public static void ConcatBackward(ReadOnlySpan<float> dy, Span<float> dx, int batch, int part, int total, int offset, bool accumulate)
    {
        CheckParts(batch, part, total, offset);
        Arguments.HasLength(dy, batch * total, nameof(dy));
        Arguments.HasLength(dx, batch * part, nameof(dx));
        for (int n = 0; n < batch; n++)
        {
            var slice = dy.Slice(n * total + offset, part);
            var target = dx.Slice(n * part, part);
            if (accumulate)
            {
                TensorPrimitives.Add(target, slice, target);
            }
            else
            {
                slice.CopyTo(target);
            }
        }
    }

    private static void Check(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> y)
    {
        Arguments.HasLength(b, a.Length, nameof(b));
        Arguments.HasLength(y, a.Length, nameof(y));
    }

    private static void CheckParts(int batch, int part, int total, int offset)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(batch);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(part);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(offset + part, total, nameof(offset));
    }
}
