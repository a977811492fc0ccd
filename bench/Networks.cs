namespace Butterfly.Bench;

/// <summary>W1-W3: the founding article's MNIST network.</summary>
[Network]
[Input(784)]
[Dense(100), Sigmoid]
[Dense(10), Softmax]
internal sealed partial class BenchMlp;

/// <summary>W4: a wide ReLU network.</summary>
[Network]
[Input(784)]
[Dense(1024), ReLU]
[Dense(1024), ReLU]
[Dense(10), Softmax]
internal sealed partial class WideMlp;
