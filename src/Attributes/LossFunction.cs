namespace Butterfly;

/// <summary>The quantity a network's training step minimizes.</summary>
public enum LossFunction
{
    /// <summary>Cross-entropy after a softmax or log-softmax output, mean squared error otherwise.</summary>
    Auto = 0,

    /// <summary>
    /// Negative log-likelihood of the true class, <c>L = -log p[label]</c>, averaged over the batch.
    /// Requires <see cref="SoftmaxAttribute"/> or <see cref="LogSoftmaxAttribute"/> (whose outputs are <c>log p</c>) as the
    /// last layer; targets are class labels.
    /// </summary>
    CrossEntropy = 1,

    /// <summary>
    /// Mean squared error, <c>L = (1/n) sum (y - t)^2</c> over the outputs, averaged over the batch.
    /// Targets are real vectors as long as the output.
    /// </summary>
    MeanSquaredError = 2,
}
