using System;

namespace Butterfly;

/// <summary>
/// One dense layer after post-training quantization: <c>y_j = c_j · Σ_i W_ji q_i + b'_j</c>, where
/// <c>q = clamp(round(x / InputScale) + InputZeroPoint, 0, 255)</c> (see <see cref="Kernels.Int8Gemv"/>).
/// </summary>
public sealed class QuantizedDense
{
    internal QuantizedDense(int units, int inputs, float inputScale, int inputZeroPoint, float[] scales, float[] bias, sbyte[] weights)
    {
        Units = units;
        Inputs = inputs;
        InputScale = inputScale;
        InputZeroPoint = inputZeroPoint;
        ScalesArray = scales;
        BiasArray = bias;
        WeightsArray = weights;
    }

    /// <summary>Outputs, <c>n</c>.</summary>
    public int Units { get; }

    /// <summary>Inputs, <c>k</c>.</summary>
    public int Inputs { get; }

    /// <summary><c>s_x</c>: the input step, calibrated so that the observed input range maps onto [0, 255].</summary>
    public float InputScale { get; }

    /// <summary><c>z</c>: the uint8 value that stands for an input of 0.</summary>
    public int InputZeroPoint { get; }

    /// <summary><c>c_j = s_x s_j</c>, with <c>s_j = max_i |W_ji| / 127</c> the step of output unit j's weights.</summary>
    public ReadOnlySpan<float> Scales => ScalesArray;

    /// <summary><c>b'_j = b_j - c_j z Σ_i W_ji</c>: the bias with the input zero point folded in.</summary>
    public ReadOnlySpan<float> Bias => BiasArray;

    /// <summary><c>W_ji = round(w_ji / s_j)</c> in [-127, 127], row-major [units × inputs].</summary>
    public ReadOnlySpan<sbyte> Weights => WeightsArray;

    internal float[] ScalesArray { get; }

    internal float[] BiasArray { get; }

    internal sbyte[] WeightsArray { get; }
}
