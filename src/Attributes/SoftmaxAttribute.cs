using System;

namespace Butterfly;

/// <summary>
/// The softmax output <c>y_i = e^(x_i) / sum_j e^(x_j)</c>: a probability for each class. It must be the
/// last layer; with it the default loss is <see cref="LossFunction.CrossEntropy"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class SoftmaxAttribute : LayerAttribute;
