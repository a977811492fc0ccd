namespace Butterfly;

/// <summary>The number format of the weights a network embeds (see <see cref="NetworkAttribute.Weights"/>).</summary>
public enum Precision
{
    /// <summary>32-bit floats, exactly as trained: the embedded prediction equals the in-process one bit for bit.</summary>
    Float32 = 0,

    /// <summary>
    /// Post-training quantization: each dense layer's weights are int8, symmetric per output unit
    /// (<c>w ≈ s_j q</c>), and its input is uint8 with a scale and zero point calibrated on sample data
    /// (<c>x ≈ s_x (q - z)</c>). About 4x smaller; the weights file must come from <c>Quantizer</c>.
    /// </summary>
    Int8 = 1,
}
