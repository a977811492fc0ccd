namespace Butterfly.Runtime.Tests.Networks;

// Small networks for the layers ONNX models need (layer normalization, clamps, both GELU forms), each first (no dx)
// and in the middle.

/// <summary>
/// Layer normalization of the whole image first, of each channel's plane (Axis = -2) after a convolution, and of a vector.
/// </summary>
[Network]
[Input(2, 4, 5)]
[LayerNorm]
[Conv2D(3, 2), Tanh]
[LayerNorm(1e-3f, Axis = -2)]
[Dense(6), Sigmoid]
[LayerNorm(Axis = -1), Dense(3), Softmax]
internal sealed partial class LayerNormNet
{
    /// <summary>
    /// A network whose scales and shifts (and every bias) start away from 1 and 0, so that a backward rule that
    /// dropped <c>γ</c> or <c>β</c> would show.
    /// </summary>
    public static LayerNormNet WithRandomBiases(int seed)
    {
        var network = new LayerNormNet(seed);
        var random = new SeededRandom(seed + 1);
        foreach (var block in network.ParameterBlocks)
        {
            if (block.Role == ParameterRole.Bias)
            {
                foreach (ref float value in network.Parameters.Slice(block.Offset, block.Length))
                {
                    value = 0.5f + random.NextSingle();
                }
            }
        }

        return network;
    }
}

/// <summary>A sequence of 3 positions with 4 features each, normalized per position (Axis = -1), as transformers do.</summary>
[Network(Loss = LossFunction.MeanSquaredError)]
[Input(3, 4)]
[LayerNorm(Axis = -1)]
[Dense(5), Tanh]
[Dense(2)]
internal sealed partial class SequenceLayerNormNet;

/// <summary>Clamps closed on both sides and open on one, the exact GELU, and the tanh GELU beside it.</summary>
[Network]
[Input(6)]
[Dense(8), Clamp(-0.5f, 0.5f)]
[Dense(7), GELU(Exact = true)]
[Dense(6), Clamp(min: -0.2f)]
[Dense(5), GELU]
[Dense(3), Softmax]
internal sealed partial class ClampGeluNet;

/// <summary>A clamp first (its dx is the input gradient), then the exact GELU, mean squared error.</summary>
[Network(Loss = LossFunction.MeanSquaredError)]
[Input(5)]
[Clamp(max: 0.6f)]
[Dense(4), GELU(Exact = true)]
[Dense(2)]
internal sealed partial class ClampFirstNet;

// Pooling windows that leave the last rows or columns out take the floor, as ONNX's ceil_mode = 0 does; the generator
// warns (BF0027), and these networks mean it.
#pragma warning disable BF0027

/// <summary>
/// Floor pooling on the general path (3×3 windows, stride 2, leaving a column out) and on the 2×2 path over an odd
/// plane (leaving a row and a column out).
/// </summary>
[Network]
[Input(2, 7, 8)]
[Conv2D(3, 2), Tanh]
[MaxPool(3, 2)]
[AvgPool(2)]
[Dense(3), Softmax]
internal sealed partial class FloorPoolNet;

/// <summary>
/// A convolution, ReLU and 2×2 max pooling computed in one call, over a 7×5 output that the pooling rounds down to 3×2;
/// the ReLU's backward call runs the pooling's too.
/// </summary>
[Network(Loss = LossFunction.MeanSquaredError)]
[Input(2, 9, 7)]
[Conv2D(4, 3), ReLU, MaxPool(2)]
[Dense(2)]
internal sealed partial class FloorReLUPoolNet;

#pragma warning restore BF0027
