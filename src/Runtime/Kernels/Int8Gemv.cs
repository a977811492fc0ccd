using System;
using System.ComponentModel;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Butterfly.Kernels;

/// <summary>
/// The batch-1 dense layer in int8: the float input is quantized to uint8, <c>q_i = clamp(round(x_i / s_x) + z, 0, 255)</c>,
/// then <c>y_j = c_j · Σ_i W_ji q_i + b'_j</c> with int8 weights <c>W</c>, where the quantizer folded the scales into
/// <c>c_j = s_x s_j</c> and the zero point into the bias, <c>b'_j = b_j - c_j z Σ_i W_ji</c>.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Int8Gemv
{
    /// <summary><c>q_i = clamp(round(x_i / scale) + zeroPoint, 0, 255)</c>, rounding half to even.</summary>
    public static void QuantizeInput(ReadOnlySpan<float> x, float scale, int zeroPoint, Span<byte> q)
    {
        float inverse = 1f / scale;
        q = q[..x.Length];
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            // The same operations as the scalar loop below, 32 at a time, so both give the same bytes.
            ref float start = ref MemoryMarshal.GetReference(x);
            var factor = Vector256.Create(inverse);
            var shift = Vector256.Create((float)zeroPoint);
            var top = Vector256.Create(255f);
            for (; i <= x.Length - 32; i += 32)
            {
                // Values are whole numbers in [0, 255] before the conversion, so the signed conversion (an AVX2
                // instruction, unlike the unsigned one) and truncating narrows lose nothing.
                var low = Vector256.Narrow(Quantize(ref start, i), Quantize(ref start, i + 8));
                var high = Vector256.Narrow(Quantize(ref start, i + 16), Quantize(ref start, i + 24));
                Vector256.Narrow(low, high).AsByte().StoreUnsafe(ref MemoryMarshal.GetReference(q), (nuint)i);
            }

            Vector256<int> Quantize(ref float from, int at) =>
                Vector256.ConvertToInt32(Vector256.Min(Vector256.Max(Vector256.Round(Vector256.LoadUnsafe(ref from, (nuint)at) * factor) + shift, Vector256<float>.Zero), top));
        }

        for (; i < x.Length; i++)
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
