namespace Butterfly.Samples.EmbeddedInference;

/// <summary>The MNIST sample's network with its trained float32 weights compiled in.</summary>
[Network(Weights = "mnist-mlp.bfw.b64")]
[Input(784)]
[Dense(100), Sigmoid]
[Dense(10), Softmax]
internal sealed partial class MnistFloat32;

/// <summary>The same network quantized to int8 after training (dense weights per output unit, activations calibrated).</summary>
[Network(Weights = "mnist-mlp.bfq.b64", Precision = Precision.Int8)]
[Input(784)]
[Dense(100), Sigmoid]
[Dense(10), Softmax]
internal sealed partial class MnistInt8;
