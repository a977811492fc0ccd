namespace Butterfly.Samples.Mnist;

/// <summary>
/// A LeNet-style convolutional network: two 5×5 convolutions with ReLU and 2×2 max pooling, a dense layer with
/// dropout, and 10 softmax classes. (1, 28, 28) → (16, 24, 24) → (16, 12, 12) → (32, 8, 8) → (32, 4, 4) → 128 → 10.
/// </summary>
[Network]
[Input(1, 28, 28)]
[Conv2D(16, 5), ReLU, MaxPool(2)]
[Conv2D(32, 5), ReLU, MaxPool(2)]
[Flatten]
[Dense(128), ReLU, Dropout(0.5f)]
[Dense(10), Softmax]
public partial class MnistCnn;
