using System;

namespace Butterfly;

/// <summary>
/// The log-softmax output <c>y_i = x_i - log sum_j e^(x_j)</c>: the logarithm of each class's probability, as PyTorch's
/// <c>LogSoftmax</c> and ONNX's <c>LogSoftmax</c> give it. It must be the last layer; with it the default loss is
/// <see cref="LossFunction.CrossEntropy"/>, the negative log-likelihood <c>-y[label]</c>, which trains exactly as
/// <see cref="SoftmaxAttribute"/> with cross-entropy does. <c>Predict</c> returns the log-probabilities: the largest is
/// the most likely class, and <c>e^y</c> gives the probabilities.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class LogSoftmaxAttribute : LayerAttribute;
