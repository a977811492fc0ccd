namespace Butterfly.Runtime.Tests.Networks;

// Small networks for the convolution, pooling, normalization, dropout and new activation layers: odd sizes, strides,
// padding, several channels, each layer kind first and in the middle (where its dx is needed).

/// <summary>Convolution first (no dx), max pooling, implicit flattening into Dense.</summary>
[Network]
[Input(1, 6, 6)]
[Conv2D(2, 3), Tanh]
[MaxPool(2)]
[Dense(3), Softmax]
internal sealed partial class ConvPoolNet;

/// <summary>Stride 2 with padding 1 on odd sizes, overlapping average pooling, explicit flattening, mean squared error.</summary>
[Network]
[Input(2, 7, 6)]
[Conv2D(3, 3, stride: 2, padding: 1), Tanh]
[AvgPool(2, 1)]
[Flatten]
[Dense(2)]
internal sealed partial class StridedConvNet;

/// <summary>Two convolutions (the second needs dx), a 2×2 kernel with padding, ELU, max pooling with stride 3, leaky ReLU.</summary>
[Network]
[Input(3, 5, 5)]
[Conv2D(4, 2, 1, 1), ELU]
[MaxPool(3, 3)]
[Conv2D(3, 2, stride: 1, padding: 1), LeakyReLU(0.1f)]
[Dense(3), Softmax]
internal sealed partial class DeepConvNet;

/// <summary>Local response normalization first and in the middle, GELU, batch normalization of a convolution's channels.</summary>
[Network]
[Input(4, 3, 3)]
[LocalResponseNormalization(3, 0.5f, 0.75f, 1f), GELU]
[Conv2D(5, 3, 1, 1), BatchNorm]
[LocalResponseNormalization(3, 2f, 0.75f, 1.5f), Tanh]
[Dense(3), Softmax]
internal sealed partial class NormalizationNet;

/// <summary>Local contrast normalization first and after a convolution (where its dx is needed), on odd, non-square sizes.</summary>
[Network]
[Input(2, 6, 5)]
[LocalContrastNormalization(3)]
[Conv2D(3, 2, padding: 1), Tanh]
[LocalContrastNormalization(5), Sigmoid]
[Dense(3), Softmax]
internal sealed partial class ContrastNormalizationNet;

/// <summary>Dropout and batch normalization of a vector, trained in training mode.</summary>
[Network]
[Input(6)]
[Dense(8), Dropout(0.5f), Tanh]
[BatchNorm(momentum: 0.2f)]
[Dense(3), Softmax]
internal sealed partial class DropoutBatchNormNet;

/// <summary>The benchmark network of issue 4 (rows W6 and W7).</summary>
[Network]
[Input(1, 28, 28)]
[Conv2D(8, 5), ReLU, MaxPool(2)]
[Conv2D(16, 5), ReLU, MaxPool(2)]
[Dense(10), Softmax]
internal sealed partial class BenchCnn;

/// <summary>
/// ReLU after a convolution in the middle, which Predict's convolution applies as it stores, and as the last layer,
/// which Predict leaves to the ReLU (it writes the caller's output); ragged tiles in both convolutions.
/// </summary>
[Network]
[Input(2, 9, 12)]
[Conv2D(5, 3), ReLU]
[Conv2D(4, 2), ReLU]
internal sealed partial class ConvReLUNet;

/// <summary>
/// ReLU and 2×2 max pooling after a direct convolution (batch Forward stores all three from the convolution's sums,
/// in tiles that overlap by six columns: ten outputs a row) and after a padded one (after the product); both ReLUs'
/// backward rules run through their pooling's. Kinks everywhere, so no finite differences: it is checked against
/// <see cref="ConvLeakyPoolNet"/>, which computes the same layer by layer.
/// </summary>
[Network]
[Input(1, 12, 12)]
[Conv2D(4, 3), ReLU, MaxPool(2)]
[Conv2D(3, 2, padding: 1), ReLU, MaxPool(2)]
[Dense(3), Softmax]
internal sealed partial class ConvReLUPoolNet;

/// <summary>
/// <see cref="ConvReLUPoolNet"/> with each ReLU written as a leaky ReLU of slope 0, which nothing fuses: the same
/// function (up to the sign of zeros) and the same initial weights, computed one layer at a time.
/// </summary>
[Network]
[Input(1, 12, 12)]
[Conv2D(4, 3), LeakyReLU(0f), MaxPool(2)]
[Conv2D(3, 2, padding: 1), LeakyReLU(0f), MaxPool(2)]
[Dense(3), Softmax]
internal sealed partial class ConvLeakyPoolNet;

/// <summary>
/// Rectangular kernels, a stride per axis and a padding per side, first (dx wanted by the input-gradient check) and in
/// the middle: a 3×5 kernel striding (2, 1) with pads top 0, left 1, bottom 2, right 1 gives (3, 5, 6); a 2×3 kernel
/// padded only below and to the right (as ONNX's SAME_UPPER pads an even side) keeps (5, 6); then a 2×2 kernel with a
/// ReLU, the batch forward's fused call over the unfolded product.
/// </summary>
[Network]
[Input(2, 9, 8)]
[Conv2D(3, 3, stride: 2, KernelWidth = 5, StrideWidth = 1, PadLeft = 1, PadBottom = 2, PadRight = 1), Tanh]
[Conv2D(2, 2, KernelWidth = 3, PadBottom = 1, PadRight = 2), ELU]
[Conv2D(2, 1, KernelWidth = 2, StrideHeight = 2), ReLU]
[Dense(3), Softmax]
internal sealed partial class RectangularConvNet;

