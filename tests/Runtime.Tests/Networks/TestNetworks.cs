namespace Butterfly.Runtime.Tests.Networks;

// Small networks that exercise every layer kind and both losses, for gradient checks and behaviour tests.

/// <summary>Sigmoid hidden layer, softmax output, cross-entropy: the founding MLP in miniature.</summary>
[Network]
[Input(5)]
[Dense(4), Sigmoid]
[Dense(3), Softmax]
internal sealed partial class SigmoidSoftmaxNet;

/// <summary><see cref="SigmoidSoftmaxNet"/> with a log-softmax output: log-probabilities, the same cross-entropy training.</summary>
[Network]
[Input(5)]
[Dense(4), Sigmoid]
[Dense(3), LogSoftmax]
internal sealed partial class SigmoidLogSoftmaxNet;

/// <summary>A log-softmax output under mean squared error: its general backward rule (no fused loss) feeds the layers below.</summary>
[Network(Loss = LossFunction.MeanSquaredError)]
[Input(2, 1, 3)]
[Dense(6), Tanh]
[Dense(3), LogSoftmax]
internal sealed partial class LogSoftmaxMseNet;

/// <summary>Tanh hidden layer, linear output, mean squared error.</summary>
[Network]
[Input(5)]
[Dense(4), Tanh]
[Dense(3)]
internal sealed partial class TanhRegressor;

/// <summary>ReLU hidden layer, sigmoid output, mean squared error.</summary>
[Network]
[Input(6)]
[Dense(7), ReLU]
[Dense(2), Sigmoid]
internal sealed partial class ReLUSigmoidRegressor;

/// <summary>A softmax output trained with mean squared error, so Backward runs the full softmax Jacobian.</summary>
[Network(Loss = LossFunction.MeanSquaredError)]
[Input(4)]
[Dense(3), Softmax]
internal sealed partial class SoftmaxMseNet;

/// <summary>An activation as the first layer and an image-shaped input that Dense flattens.</summary>
[Network]
[Input(2, 2, 3)]
[Tanh]
[Dense(5), ReLU]
[Dense(4), Softmax]
internal sealed partial class ImageInputNet;

/// <summary>Deeper: every activation, three dense layers.</summary>
[Network]
[Input(8)]
[Dense(6), ReLU]
[Dense(5), Tanh]
[Dense(4), Sigmoid]
[Dense(3), Softmax]
internal sealed partial class DeepNet;

/// <summary>Wide enough that Predict's scratch leaves the stack for a per-thread buffer.</summary>
[Network]
[Input(16)]
[Dense(9000), ReLU]
[Dense(4), Softmax]
internal sealed partial class WideNet;
