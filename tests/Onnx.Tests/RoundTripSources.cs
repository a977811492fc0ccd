using System;

namespace Butterfly.Onnx.Tests;

// Declared networks that OnnxExport writes to Models/roundtrip-*.onnx, which the networks of RoundTripNetworks.cs import
// back: the round trip of issue 14.

/// <summary>Dense layers with sigmoid, tanh and ReLU, softmax output.</summary>
[Network]
[Input(12)]
[Dense(16), Sigmoid]
[Dense(10), Tanh]
[Dense(8), ReLU]
[Dense(4), Softmax]
internal sealed partial class RoundTripMlpSource;

/// <summary>Padded and strided convolutions, batch normalization, max and average pooling, Flatten, leaky ReLU and ELU.</summary>
[Network]
[Input(2, 10, 10)]
[Conv2D(4, 3, padding: 1), BatchNorm, ReLU]
[MaxPool(2)]
[Conv2D(6, 3, stride: 2, padding: 1), LeakyReLU(0.1f)]
[AvgPool(2, 1)]
[Flatten]
[Dense(5), ELU]
[Dense(3), Softmax]
internal sealed partial class RoundTripCnnSource;

/// <summary>A residual Add, a sigmoid gate (Multiply), a branch from a named output and a Concat, global average pooling.</summary>
[Network]
[Input(3, 6, 6)]
[Conv2D(4, 3, padding: 1), ReLU(Name = "stem")]
[Conv2D(4, 3, padding: 1), BatchNorm]
[Add("stem"), ReLU(Name = "r")]
[Conv2D(4, 1), Sigmoid]
[Multiply("r", Name = "g")]
[From("stem"), Conv2D(2, 1)]
[Concat("g")]
[GlobalAvgPool]
[Dense(3), Softmax]
internal sealed partial class RoundTripResidualSource;

/// <summary>A log-softmax over a whole (2, 3, 3) image: exported as Flatten, LogSoftmax and Reshape back.</summary>
[Network]
[Input(2, 4, 4)]
[Conv2D(2, 2), Tanh]
[LogSoftmax]
internal sealed partial class RoundTripLogSoftmaxSource;

/// <summary>The source networks with seeded weights, and batch normalization's running statistics away from 0 and 1.</summary>
/// <summary>A 3×5 kernel striding (2, 1) with pads top 0, left 1, bottom 2, right 1; a 2×3 kernel padded below and right.</summary>
[Network]
[Input(2, 11, 10)]
[Conv2D(4, 3, stride: 2, KernelWidth = 5, StrideWidth = 1, PadLeft = 1, PadBottom = 2, PadRight = 1), ReLU]
[Conv2D(3, 2, KernelWidth = 3, PadBottom = 1, PadRight = 2), Tanh]
[Dense(4), Softmax]
internal sealed partial class RoundTripConvGeometrySource;

internal static class RoundTripSources
{
    public static RoundTripConvGeometrySource ConvGeometry() => Seeded(new RoundTripConvGeometrySource(7));

    public static RoundTripMlpSource Mlp() => Seeded(new RoundTripMlpSource(3));

    public static RoundTripCnnSource Cnn() => Seeded(new RoundTripCnnSource(4));

    public static RoundTripResidualSource Residual() => Seeded(new RoundTripResidualSource(5));

    public static RoundTripLogSoftmaxSource LogSoftmax() => Seeded(new RoundTripLogSoftmaxSource(6));

    private static T Seeded<T>(T network)
        where T : INetwork
    {
        var random = new Random(network.ParameterCount);
        var parameters = network.Parameters;
        foreach (var block in network.ParameterBlocks)
        {
            if (block.Role is ParameterRole.State or ParameterRole.Bias)
            {
                // Biases, BatchNorm's γ and β, the running mean and the running variance: all in [0.5, 1.5], which a
                // variance needs and which keeps every other tensor away from its initial 0 or 1.
                foreach (ref float value in parameters.Slice(block.Offset, block.Length))
                {
                    value = (float)(0.5 + random.NextDouble());
                }
            }
        }

        return network;
    }
}
