namespace Butterfly.Runtime.Tests.Onnx;

// Networks declared for the ONNX export tests; the other exported networks are shared with the gradient checks.

/// <summary>A multilayer perceptron with sigmoid, tanh and ReLU hidden layers and a softmax output.</summary>
[Network]
[Input(20)]
[Dense(16), Sigmoid]
[Dense(12), Tanh]
[Dense(10), ReLU]
[Dense(5), Softmax]
internal sealed partial class ExportMlp;

/// <summary>Every activation with its own argument, on a regression output (no softmax to hide differences).</summary>
[Network]
[Input(12)]
[Dense(12), LeakyReLU(0.1f)]
[Dense(12), ELU(0.7f)]
[Dense(12), GELU]
[Dense(12), Sigmoid]
[Dense(12), Tanh]
[Dense(12), ReLU]
[Dense(4)]
internal sealed partial class ExportActivations;

/// <summary>A log-softmax over a whole (c, h, w) sample, flattened and reshaped back as the softmax is.</summary>
[Network]
[Input(2, 4, 4)]
[Conv2D(3, 3, padding: 1)]
[LogSoftmax]
internal sealed partial class ExportImageLogSoftmax;

/// <summary>A softmax over a whole (c, h, w) sample, which ONNX computes flattened and reshapes back.</summary>
[Network]
[Input(2, 4, 4)]
[Conv2D(3, 3, padding: 1)]
[Softmax]
internal sealed partial class ExportImageSoftmax;

/// <summary>Dropout as the last layer: left out, so the output is the dense layer's, through an Identity node.</summary>
[Network]
[Input(4)]
[Dense(3), Dropout(0.5f)]
internal sealed partial class ExportDropoutLast;
