namespace Butterfly.Runtime.Tests.Networks;

/// <summary>The MNIST network with the EmbeddedInference sample's trained weights compiled in (float32).</summary>
[Network(Weights = "mnist-mlp.bfw.b64")]
[Input(784)]
[Dense(100), Sigmoid]
[Dense(10), Softmax]
internal sealed partial class EmbeddedMnistFloat32;

/// <summary>The same weights after post-training quantization to int8.</summary>
[Network(Weights = "mnist-mlp.bfq.b64", Precision = Precision.Int8)]
[Input(784)]
[Dense(100), Sigmoid]
[Dense(10), Softmax]
internal sealed partial class EmbeddedMnistInt8;
