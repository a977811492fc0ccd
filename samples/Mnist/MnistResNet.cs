namespace Butterfly.Samples.Mnist;

/// <summary>
/// A small residual network, the quick bench's W8/W9 network: two residual blocks of 3×3 same-padded convolutions
/// (16 then 32 channels), each adding its input (the named ReLU output) back before a ReLU, max pooling between them,
/// global average pooling and 10 softmax classes. (1, 28, 28) → (16, 28, 28) → (16, 14, 14) → (32, 14, 14) → 32 → 10.
/// </summary>
[Network]
[Input(1, 28, 28)]
[Conv2D(16, 3, padding: Padding.Same), ReLU(Name = "stem")]
[Conv2D(16, 3, padding: Padding.Same), ReLU]
[Conv2D(16, 3, padding: Padding.Same)]
[Add("stem"), ReLU]
[MaxPool(2)]
[Conv2D(32, 3, padding: Padding.Same), ReLU(Name = "s2")]
[Conv2D(32, 3, padding: Padding.Same), ReLU]
[Conv2D(32, 3, padding: Padding.Same)]
[Add("s2"), ReLU]
[GlobalAvgPool]
[Dense(10), Softmax]
public partial class MnistResNet;
