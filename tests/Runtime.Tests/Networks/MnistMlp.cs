namespace Butterfly.Runtime.Tests.Networks;

/// <summary>The founding article's MNIST network, as the sample declares it.</summary>
[Network]
[Input(784)]
[Dense(100), Sigmoid]
[Dense(10), Softmax]
internal sealed partial class MnistMlp;
