using System;

namespace Butterfly;

/// <summary>
/// Marks a <c>partial class</c> as a neural network. The Butterfly generator reads the layer attributes
/// that follow (in declaration order, starting with <see cref="InputAttribute"/>) and compiles them into
/// shape-specialized <c>Predict</c>, <c>Forward</c>, <c>Backward</c> and <c>TrainStep</c> methods.
/// </summary>
/// <example>
/// <code>
/// [Network]
/// [Input(784)]
/// [Dense(100), Sigmoid]
/// [Dense(10), Softmax]
/// public partial class MnistMlp;
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class NetworkAttribute : Attribute
{
    /// <summary>
    /// The loss the training step minimizes. <see cref="LossFunction.Auto"/> (the default) picks
    /// <see cref="LossFunction.CrossEntropy"/> when the last layer is <see cref="SoftmaxAttribute"/> and
    /// <see cref="LossFunction.MeanSquaredError"/> otherwise.
    /// </summary>
    public LossFunction Loss { get; set; }
}
