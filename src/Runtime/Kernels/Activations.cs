using System;
using System.Numerics;
using System.Numerics.Tensors;

namespace Butterfly.Kernels;

/// <summary>
/// Element-wise activations and their backward rules. Each backward rule is written in terms of the
/// forward output <c>y</c> where it can be, so the layer keeps only its output.
/// </summary>
public static class Activations
{
    /// <summary><c>y = 1 / (1 + e^-x)</c>.</summary>
    public static void Sigmoid(ReadOnlySpan<float> x, Span<float> y) => TensorPrimitives.Sigmoid(x, y);

    /// <summary><c>dx = dy ⊙ y ⊙ (1 - y)</c>, since <c>σ'(x) = σ(x)(1 - σ(x))</c>.</summary>
    public static void SigmoidBackward(ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx)
    {
        // dy ⊙ y ⊙ (1 - y) = dy ⊙ (y - y²)
        var one = Vector<float>.One;
        int i = 0;
        for (; i <= dx.Length - Vector<float>.Count; i += Vector<float>.Count)
        {
            var v = new Vector<float>(y.Slice(i));
            (new Vector<float>(dy.Slice(i)) * v * (one - v)).CopyTo(dx.Slice(i));
        }

        for (; i < dx.Length; i++)
        {
            float v = y[i];
            dx[i] = dy[i] * v * (1f - v);
        }
    }

    /// <summary><c>y = tanh(x)</c>.</summary>
    public static void Tanh(ReadOnlySpan<float> x, Span<float> y) => TensorPrimitives.Tanh(x, y);

    /// <summary><c>dx = dy ⊙ (1 - y²)</c>, since <c>tanh'(x) = 1 - tanh²(x)</c>.</summary>
    public static void TanhBackward(ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx)
    {
        var one = Vector<float>.One;
        int i = 0;
        for (; i <= dx.Length - Vector<float>.Count; i += Vector<float>.Count)
        {
            var v = new Vector<float>(y.Slice(i));
            (new Vector<float>(dy.Slice(i)) * (one - v * v)).CopyTo(dx.Slice(i));
        }

        for (; i < dx.Length; i++)
        {
            float v = y[i];
            dx[i] = dy[i] * (1f - v * v);
        }
    }

    /// <summary><c>y = max(0, x)</c>.</summary>
    public static void ReLU(ReadOnlySpan<float> x, Span<float> y) => TensorPrimitives.Max(x, 0f, y);

    /// <summary><c>dx = dy ⊙ [y &gt; 0]</c>.</summary>
    public static void ReLUBackward(ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx)
    {
        int i = 0;
        for (; i <= dx.Length - Vector<float>.Count; i += Vector<float>.Count)
        {
            var positive = Vector.GreaterThan(new Vector<float>(y.Slice(i)), Vector<float>.Zero);
            Vector.ConditionalSelect(positive, new Vector<float>(dy.Slice(i)), Vector<float>.Zero).CopyTo(dx.Slice(i));
        }

        for (; i < dx.Length; i++)
        {
            dx[i] = y[i] > 0f ? dy[i] : 0f;
        }
    }

    /// <summary><c>y_i = e^(x_i - max x) / sum_j e^(x_j - max x)</c> over one sample.</summary>
    public static void Softmax(ReadOnlySpan<float> x, Span<float> y) => TensorPrimitives.SoftMax(x, y);

    /// <summary><c>y_i = e^(x_i - max x) / sum_j e^(x_j - max x)</c> on each row of <c>x[rows×width]</c>.</summary>
    public static void SoftmaxRows(ReadOnlySpan<float> x, Span<float> y, int rows, int width)
    {
        for (int r = 0; r < rows; r++)
        {
            TensorPrimitives.SoftMax(x.Slice(r * width, width), y.Slice(r * width, width));
        }
    }

    /// <summary>
    /// The softmax Jacobian-transpose product on each row: <c>dx = y ⊙ (dy - &lt;dy, y&gt;)</c>, from
    /// <c>∂y_j/∂x_i = y_j (δ_ij - y_i)</c>.
    /// </summary>
    public static void SoftmaxRowsBackward(ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx, int rows, int width)
    {
        for (int r = 0; r < rows; r++)
        {
            var yRow = y.Slice(r * width, width);
            var dyRow = dy.Slice(r * width, width);
            var dxRow = dx.Slice(r * width, width);
            float dot = TensorPrimitives.Dot(dyRow, yRow);
            TensorPrimitives.Subtract(dyRow, dot, dxRow);
            TensorPrimitives.Multiply(dxRow, yRow, dxRow);
        }
    }
}
