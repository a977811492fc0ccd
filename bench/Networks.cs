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

/// <summary>W6, W6-ort and W7: a small LeNet.</summary>
[Network]
[Input(1, 28, 28)]
[Conv2D(8, 5), ReLU, MaxPool(2)]
[Conv2D(16, 5), ReLU, MaxPool(2)]
[Dense(10), Softmax]
internal sealed partial class BenchCnn;

/// <summary>
/// W8, W8-ort and W9: issue 13's residual network, exactly: Conv2D(16, 3, padding 1) ReLU [stem], Conv2D(16, 3, padding 1)
/// ReLU, Conv2D(16, 3, padding 1), Add(stem), ReLU, MaxPool(2), Conv2D(32, 3, padding 1) ReLU [s2], Conv2D(32, 3,
/// padding 1) ReLU, Conv2D(32, 3, padding 1), Add(s2), ReLU, GlobalAvgPool, Dense(10) Softmax.
/// </summary>
[Network]
[Input(1, 28, 28)]
[Conv2D(16, 3, padding: 1), ReLU(Name = "stem")]
[Conv2D(16, 3, padding: 1), ReLU]
[Conv2D(16, 3, padding: 1)]
[Add("stem"), ReLU]
[MaxPool(2)]
[Conv2D(32, 3, padding: 1), ReLU(Name = "s2")]
[Conv2D(32, 3, padding: 1), ReLU]
[Conv2D(32, 3, padding: 1)]
[Add("s2"), ReLU]
[GlobalAvgPool]
[Dense(10), Softmax]
internal sealed partial class BenchResNet;
/// <summary>W10: the King James language model of samples/Language with a hierarchical softmax (12,559 words).</summary>
[Network]
[Input(4, Vocabulary = 12559)]
[Embedding(12559, 64)]
[Dense(256), Tanh]
[HierarchicalSoftmax(12559)]
internal sealed partial class BenchLanguageTree;

/// <summary>W10-full: the same model with a full softmax.</summary>
[Network]
[Input(4, Vocabulary = 12559)]
[Embedding(12559, 64)]
[Dense(256), Tanh]
[Dense(12559), Softmax]
internal sealed partial class BenchLanguageSoftmax;

/// <summary>W1-onnx: <see cref="BenchMlp"/> with seed 1, exported by <c>MlpOnnxModel</c> and imported at build time.</summary>
[Network(Onnx = "w1-mlp.onnx")]
internal sealed partial class ImportedBenchMlp;

/// <summary>W6-onnx: <see cref="BenchCnn"/> with seed 1, exported by <c>CnnOnnxModel</c> and imported at build time.</summary>
[Network(Onnx = "w6-cnn.onnx")]
internal sealed partial class ImportedBenchCnn;
