using System;

namespace Butterfly.Kernels;

/// <summary>
/// The batch-1 dense layer in int8: the float input is quantized to uint8, <c>q_i = clamp(round(x_i / s_x) + z, 0, 255)</c>,
/// then <c>y_j = c_j · Σ_i W_ji q_i + b'_j</c> with int8 weights <c>W</c>, where the quantizer folded the scales into
/// <c>c_j = s_x s_j</c> and the zero point into the bias, <c>b'_j = b_j - c_j z Σ_i W_ji</c>.
/// </summary>
public static class Int8Gemv
{
    /// <summary><c>q_i = clamp(round(x_i / scale) + zeroPoint, 0, 255)</c>, rounding half to even.</summary>
    public static void QuantizeInput(ReadOnlySpan<float> x, float scale, int zeroPoint, Span<byte> q)
    {
        float inverse = 1f / scale;
        q = q[..x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            float value = MathF.Round(x[i] * inverse) + zeroPoint;
            q[i] = (byte)Math.Clamp(value, 0f, 255f);
        }
    }

    /// <summary>
    /// <c>y[n] = c[n] ⊙ (W[n×k] · q(x)) + b'[n]</c>, with <paramref name="quantized"/> (at least <paramref name="k"/> bytes)
    /// as scratch for <c>q(x)</c>.
    /// </summary>
    public static void MultiplyAddBias(
        ReadOnlySpan<sbyte> w,
        ReadOnlySpan<float> x,
        float inputScale,
        int inputZeroPoint,
        ReadOnlySpan<float> scales,
        ReadOnlySpan<float> bias,
        Span<byte> quantized,
        Span<float> y,
        int n,
        int k)
    {
        if (w.Length < (long)n * k)
        {
            throw new ArgumentException($"w must hold at least n*k = {(long)n * k} bytes (got {w.Length}).", nameof(w));
        }

        var q = quantized[..k];
        QuantizeInput(x[..k], inputScale, inputZeroPoint, q);
        for (int j = 0; j < n; j++)
        {
            y[j] = scales[j] * Int8Dot.Compute(q, w.Slice(j * k, k)) + bias[j];
        }
    }
}
