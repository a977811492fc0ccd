namespace Butterfly.Runtime.Tests.Training;

/// <summary>A small classifier: 4 inputs, 8 tanh units, 3 classes.</summary>
[Network]
[Input(4)]
[Dense(8), Tanh]
[Dense(3), Softmax]
internal sealed partial class TinyClassifier;

/// <summary>The same input and output as <see cref="TinyClassifier"/> with another hidden layer, so another signature.</summary>
[Network]
[Input(4)]
[Dense(5), Sigmoid]
[Dense(3), Softmax]
internal sealed partial class OtherClassifier;

/// <summary>A small MNIST classifier, for tests on real digits.</summary>
[Network]
[Input(784)]
[Dense(32), Sigmoid]
[Dense(10), Softmax]
internal sealed partial class SmallMnistNet;

/// <summary><see cref="TinyClassifier"/>'s shapes with dropout and batch normalization: training mode and running statistics.</summary>
[Network]
[Input(4)]
[Dense(8), BatchNorm, Tanh, Dropout(0.3f)]
[Dense(3), Softmax]
internal sealed partial class TinyDropoutClassifier;
