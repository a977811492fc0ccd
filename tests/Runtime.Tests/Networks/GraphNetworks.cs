namespace Butterfly.Runtime.Tests.Networks;

// Graphs: every merge kind, outputs read by several layers (gradients summed), the input read again, residual blocks
// with and without batch normalization. Smooth activations where a kink would spoil the finite differences.

/// <summary>A three-way sum of the flow, a hidden output and the input itself: the input's gradient is a sum too.</summary>
[Network]
[Input(5, Name = "x")]
[Dense(5), Tanh(Name = "h")]
[Dense(5)]
[Add("h", "x"), Tanh]
[Dense(3), Softmax]
internal sealed partial class AddGraphNet;

/// <summary>A sigmoid gate on the input, then a product of three operands, two of them the same output.</summary>
[Network]
[Input(6, Name = "x")]
[Dense(6), Sigmoid]
[Multiply("x")]
[Dense(6), Tanh(Name = "t")]
[Dense(6), Tanh]
[Multiply("t", "t")]
[Dense(3), Softmax]
internal sealed partial class MultiplyGraphNet;

/// <summary>A branch from the input (<c>[From]</c>), a concatenation along channels of three operands, global average pooling.</summary>
[Network(Loss = LossFunction.MeanSquaredError)]
[Input(2, 4, 4, Name = "image")]
[Conv2D(3, 3, padding: 1), Tanh(Name = "a")]
[From("image"), Conv2D(2, 1)]
[Concat("a", "image"), Tanh]
[GlobalAvgPool]
[Dense(3)]
internal sealed partial class ConcatGraphNet;

/// <summary>A residual block of padded convolutions (same padding), ReLU, max pooling, global average pooling.</summary>
[Network]
[Input(2, 6, 6)]
[Conv2D(3, 3, padding: Padding.Same), ReLU(Name = "stem")]
[Conv2D(3, 3, padding: 1), ReLU]
[Conv2D(3, 3, padding: 1)]
[Add("stem"), ReLU]
[MaxPool(2)]
[GlobalAvgPool]
[Dense(3), Softmax]
internal sealed partial class ResidualNet;

/// <summary>
/// <see cref="ResidualNet"/> with each ReLU written as a leaky ReLU of slope 0, which nothing joins: the same function
/// (up to the sign of zeros) and the same initial weights, computed one layer at a time.
/// </summary>
[Network]
[Input(2, 6, 6)]
[Conv2D(3, 3, padding: Padding.Same), LeakyReLU(0f, Name = "stem")]
[Conv2D(3, 3, padding: 1), LeakyReLU(0f)]
[Conv2D(3, 3, padding: 1)]
[Add("stem"), LeakyReLU(0f)]
[MaxPool(2)]
[GlobalAvgPool]
[Dense(3), Softmax]
internal sealed partial class ResidualLeakyNet;

/// <summary>
/// The bench residual network's first block on 8 × 8 images: sixteen channels, so the weight gradients go channels-last
/// from padded copies and the input gradients through the flipped filters where the processor has AVX-512.
/// </summary>
[Network]
[Input(1, 8, 8)]
[Conv2D(16, 3, padding: 1), ReLU(Name = "stem")]
[Conv2D(16, 3, padding: 1), ReLU]
[Conv2D(16, 3, padding: 1)]
[Add("stem"), ReLU]
[GlobalAvgPool]
[Dense(3), Softmax]
internal sealed partial class WideResidualNet;

/// <summary>The residual block with batch normalization in the branch, as ResNet has it.</summary>
[Network]
[Input(2, 6, 6)]
[Conv2D(3, 3, padding: 1), ReLU(Name = "stem")]
[Conv2D(3, 3, padding: 1), BatchNorm, ReLU]
[Conv2D(3, 3, padding: 1), BatchNorm]
[Add("stem"), ReLU]
[GlobalAvgPool]
[Dense(3), Softmax]
internal sealed partial class ResidualBatchNormNet;
