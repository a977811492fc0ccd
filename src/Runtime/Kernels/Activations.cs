using System;
using System.ComponentModel;
using System.Numerics;
using System.Numerics.Tensors;

namespace Butterfly.Kernels;

/// <summary>
/// Element-wise activations and their backward rules. Each backward rule is written in terms of the
/// forward output <c>y</c> where it can be, so the layer keeps only its output.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Activations
{
    /// <summary>sqrt(2/π), the scale inside GELU's tanh.</summary>
    private const float GeluScale = 0.7978845608f;

    /// <summary>The cubic coefficient of GELU's tanh approximation (Hendrycks and Gimpel 2016).</summary>
    private const float GeluCubic = 0.044715f;

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
    public static unsafe void ReLU(ReadOnlySpan<float> x, Span<float> y)
    {
        Arguments.HasAtLeast(y, x.Length, nameof(y));
        fixed (float* px = x, py = y)
        {
            SplitJob.RunElementwise(&ReLUBlocks, x.Length, 2, px, py, null);
        }
    }

    /// <summary><c>dx = dy ⊙ [y &gt; 0]</c>.</summary>
    public static unsafe void ReLUBackward(ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx)
    {
        Arguments.HasLength(y, dx.Length, nameof(y));
        Arguments.HasLength(dy, dx.Length, nameof(dy));
        fixed (float* py = y, pdy = dy, pdx = dx)
        {
            SplitJob.RunElementwise(&ReLUBackwardBlocks, dx.Length, 3, py, pdy, pdx);
        }
    }

    /// <summary><c>y_i = e^(x_i - max x) / sum_j e^(x_j - max x)</c> over one sample.</summary>
    public static void Softmax(ReadOnlySpan<float> x, Span<float> y) => TensorPrimitives.SoftMax(x, y);

    /// <summary><c>y = x</c> for <c>x &gt; 0</c>, else <c>slope · x</c>.</summary>
    public static void LeakyReLU(ReadOnlySpan<float> x, Span<float> y, float slope)
    {
        for (int i = 0; i < y.Length; i++)
        {
            float v = x[i];
            y[i] = v > 0f ? v : slope * v;
        }
    }

    /// <summary><c>dx = dy ⊙ (x &gt; 0 ? 1 : slope)</c>.</summary>
    public static void LeakyReLUBackward(ReadOnlySpan<float> x, ReadOnlySpan<float> dy, Span<float> dx, float slope)
    {
        for (int i = 0; i < dx.Length; i++)
        {
            dx[i] = x[i] > 0f ? dy[i] : slope * dy[i];
        }
    }

    /// <summary><c>y = x</c> for <c>x &gt; 0</c>, else <c>α (e^x - 1)</c>.</summary>
    public static void ELU(ReadOnlySpan<float> x, Span<float> y, float alpha)
    {
        for (int i = 0; i < y.Length; i++)
        {
            float v = x[i];
            y[i] = v > 0f ? v : alpha * (MathF.Exp(v) - 1f);
        }
    }

    /// <summary><c>dx = dy ⊙ (y &gt; 0 ? 1 : y + α)</c>, since <c>α e^x = y + α</c> where <c>x ≤ 0</c>.</summary>
    public static void ELUBackward(ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx, float alpha)
    {
        for (int i = 0; i < dx.Length; i++)
        {
            float v = y[i];
            dx[i] = v > 0f ? dy[i] : dy[i] * (v + alpha);
        }
    }

    /// <summary><c>y = x/2 · (1 + tanh(u))</c>, <c>u = sqrt(2/π) (x + 0.044715 x³)</c>.</summary>
    public static void GELU(ReadOnlySpan<float> x, Span<float> y)
    {
        for (int i = 0; i < y.Length; i++)
        {
            float v = x[i];
            y[i] = 0.5f * v * (1f + MathF.Tanh(GeluScale * (v + GeluCubic * v * v * v)));
        }
    }

    /// <summary><c>dx = dy ⊙ ((1 + t)/2 + x/2 (1 - t²) sqrt(2/π) (1 + 3 · 0.044715 x²))</c>, <c>t = tanh(u)</c>.</summary>
    public static void GELUBackward(ReadOnlySpan<float> x, ReadOnlySpan<float> dy, Span<float> dx)
    {
        for (int i = 0; i < dx.Length; i++)
        {
            float v = x[i];
            float t = MathF.Tanh(GeluScale * (v + GeluCubic * v * v * v));
            dx[i] = dy[i] * (0.5f * (1f + t) + 0.5f * v * (1f - t * t) * GeluScale * (1f + 3f * GeluCubic * v * v));
        }
    }

    /// <summary>
    /// The exact GELU, <c>y = x Φ(x) = x/2 (1 + erf(x / sqrt 2))</c> (ONNX's and PyTorch's default form), with
    /// <see cref="Erf"/> accurate to 1.5e-7.
    /// </summary>
    public static void GELUExact(ReadOnlySpan<float> x, Span<float> y)
    {
        Arguments.HasAtLeast(x, y.Length, nameof(x));
        for (int i = 0; i < y.Length; i++)
        {
            float v = x[i];
            y[i] = 0.5f * v * (1f + Erf(v * InverseSqrt2));
        }
    }

    /// <summary><c>dx = dy ⊙ (Φ(x) + x φ(x))</c>, <c>φ(x) = e^(-x²/2) / sqrt(2π)</c>, the product rule on <c>x Φ(x)</c>.</summary>
    public static void GELUExactBackward(ReadOnlySpan<float> x, ReadOnlySpan<float> dy, Span<float> dx)
    {
        Arguments.HasAtLeast(x, dx.Length, nameof(x));
        Arguments.HasAtLeast(dy, dx.Length, nameof(dy));
        for (int i = 0; i < dx.Length; i++)
        {
            float v = x[i];
            float cumulative = 0.5f * (1f + Erf(v * InverseSqrt2));
            dx[i] = dy[i] * (cumulative + v * InverseSqrt2Pi * MathF.Exp(-0.5f * v * v));
        }
    }

    /// <summary>1 / sqrt(2), the scale of erf's argument in Φ.</summary>
    private const float InverseSqrt2 = 0.70710678118654752f;

    /// <summary>1 / sqrt(2π), the standard normal density's factor.</summary>
    private const float InverseSqrt2Pi = 0.39894228040143268f;

    /// <summary>
    /// The error function by Abramowitz and Stegun's formula 7.1.26 (absolute error below 1.5e-7, about float
    /// precision): <c>erf(z) = 1 - t (a1 + t (a2 + t (a3 + t (a4 + t a5)))) e^(-z²)</c>, <c>t = 1 / (1 + p z)</c>, for
    /// <c>z ≥ 0</c>, and <c>erf(-z) = -erf(z)</c>. .NET has no <c>MathF.Erf</c>.
    /// </summary>
    internal static float Erf(float z)
    {
        float a = MathF.Abs(z);
        float t = 1f / (1f + 0.3275911f * a);
        float polynomial = t * (0.254829592f + t * (-0.284496736f + t * (1.421413741f + t * (-1.453152027f + t * 1.061405429f))));
        float value = 1f - polynomial * MathF.Exp(-a * a);
        return z < 0f ? -value : value;
    }

    /// <summary>
    /// <c>y = min(max(x, min), max)</c>; an infinite bound leaves that side open. A NaN stays NaN (both comparisons
    /// are false), on the vector path and the scalar tail alike.
    /// </summary>
    public static void Clamp(ReadOnlySpan<float> x, Span<float> y, float min, float max)
    {
        Arguments.HasAtLeast(x, y.Length, nameof(x));
        var low = new Vector<float>(min);
        var high = new Vector<float>(max);
        int i = 0;
        for (; i <= y.Length - Vector<float>.Count; i += Vector<float>.Count)
        {
            var v = new Vector<float>(x.Slice(i));
            v = Vector.ConditionalSelect(Vector.LessThan(v, low), low, v);
            Vector.ConditionalSelect(Vector.GreaterThan(v, high), high, v).CopyTo(y.Slice(i));
        }

        for (; i < y.Length; i++)
        {
            float v = x[i];
            v = v < min ? min : v;
            y[i] = v > max ? max : v;
        }
    }

    /// <summary><c>dx = dy ⊙ [min ≤ x ≤ max]</c>: the gradient passes inside the bounds and at them, not beyond (nor at a NaN).</summary>
    public static void ClampBackward(ReadOnlySpan<float> x, ReadOnlySpan<float> dy, Span<float> dx, float min, float max)
    {
        Arguments.HasAtLeast(x, dx.Length, nameof(x));
        Arguments.HasAtLeast(dy, dx.Length, nameof(dy));
        var low = new Vector<float>(min);
        var high = new Vector<float>(max);
        int i = 0;
        for (; i <= dx.Length - Vector<float>.Count; i += Vector<float>.Count)
        {
            var v = new Vector<float>(x.Slice(i));
            var inside = Vector.BitwiseAnd(Vector.GreaterThanOrEqual(v, low), Vector.LessThanOrEqual(v, high));
            Vector.ConditionalSelect(inside, new Vector<float>(dy.Slice(i)), Vector<float>.Zero).CopyTo(dx.Slice(i));
        }

        for (; i < dx.Length; i++)
        {
            float v = x[i];
            dx[i] = v >= min && v <= max ? dy[i] : 0f;
        }
    }

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

    /// <summary>
    /// <c>y_i = x_i - m - log Σ_j e^(x_j - m)</c>, <c>m = max x</c>: the logarithm of the softmax over one sample, computed
    /// without forming the probabilities, so a class far below the others keeps a finite log-probability instead of
    /// <c>log 0</c>. <paramref name="y"/> may be <paramref name="x"/>.
    /// </summary>
    public static void LogSoftmax(ReadOnlySpan<float> x, Span<float> y)
    {
        Arguments.HasLength(y, x.Length, nameof(y));
        float max = TensorPrimitives.Max(x);

        // Σ e^(x_j - m) in chunks through a small stack buffer, so that x and y may be the same span.
        Span<float> chunk = stackalloc float[256];
        float sum = 0f;
        for (int start = 0; start < x.Length; start += chunk.Length)
        {
            var part = chunk.Slice(0, Math.Min(chunk.Length, x.Length - start));
            TensorPrimitives.Subtract(x.Slice(start, part.Length), max, part);
            TensorPrimitives.Exp(part, part);
            sum += TensorPrimitives.Sum<float>(part);
        }

        // (x - m) - log s rather than x - (m + log s): a log-probability near 0 keeps its digits when |m| is large.
        TensorPrimitives.Subtract(x, max, y);
        TensorPrimitives.Subtract(y, MathF.Log(sum), y);
    }

    /// <summary><see cref="LogSoftmax"/> on each row of <c>x[rows×width]</c>.</summary>
    public static void LogSoftmaxRows(ReadOnlySpan<float> x, Span<float> y, int rows, int width)
    {
        for (int r = 0; r < rows; r++)
        {
            LogSoftmax(x.Slice(r * width, width), y.Slice(r * width, width));
        }
    }

    /// <summary>
    /// The log-softmax Jacobian-transpose product on each row: <c>dx = dy - e^y Σ_i dy_i</c>, from
    /// <c>∂y_i/∂x_j = δ_ij - p_j</c> with <c>p = e^y</c> the softmax. <paramref name="dx"/> must not overlap
    /// <paramref name="dy"/>.
    /// </summary>
    public static void LogSoftmaxRowsBackward(ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx, int rows, int width)
    {
        for (int r = 0; r < rows; r++)
        {
            var dyRow = dy.Slice(r * width, width);
            var dxRow = dx.Slice(r * width, width);
            float total = TensorPrimitives.Sum(dyRow);
            TensorPrimitives.Exp(y.Slice(r * width, width), dxRow);
            TensorPrimitives.MultiplyAdd(dxRow, -total, dyRow, dxRow);
        }
    }

    private static unsafe void ReLUBlocks(SplitJob job, int from, int to)
    {
        var (start, length) = job.Floats(from, to);
        TensorPrimitives.Max(new ReadOnlySpan<float>(job.A + start, length), 0f, new Span<float>(job.B + start, length));
    }

    /// <summary><c>dx = dy ⊙ [y &gt; 0]</c> over one range.</summary>
    private static unsafe void ReLUBackwardBlocks(SplitJob job, int from, int to)
    {
        var (start, length) = job.Floats(from, to);
        var y = new ReadOnlySpan<float>(job.A + start, length);
        var dy = new ReadOnlySpan<float>(job.B + start, length);
        var dx = new Span<float>(job.C + start, length);
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
}
