namespace Butterfly.Samples.Mnist;

/// <summary>The founding article's network: 784 pixels, 100 sigmoid units, 10 softmax classes.</summary>
[Network]
[Input(784)]
[Dense(100), Sigmoid]
[Dense(10), Softmax]
public partial class MnistMlp;
