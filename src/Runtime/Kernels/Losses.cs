using System;
using System.ComponentModel;
using System.Numerics.Tensors;

namespace Butterfly.Kernels;

/// <summary>Batch losses and the gradient each hands to the output layer.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Losses
{
    /// <summary>Probabilities are clamped to this before the log, so a confident mistake costs a finite loss.</summary>
    public const float MinProbability = 1e-12f;

    /// <summary>
    /// Mean negative log-likelihood <c>L = -(1/B) sum_b log p[b, label_b]</c> of softmax outputs
    /// <paramref name="probabilities"/>[B×classes]. When <paramref name="logitGradient"/> is not empty it receives
    /// the gradient with respect to the softmax inputs, <c>dz = (p - onehot(label)) / B</c>.
    /// </summary>
    public static float SoftmaxCrossEntropy(ReadOnlySpan<float> probabilities, ReadOnlySpan<int> labels, Span<float> logitGradient, int classes) =>
        CrossEntropy(probabilities, labels, logitGradient, classes, logarithmic: false, nameof(probabilities));

    /// <summary>
    /// Mean negative log-likelihood <c>L = -(1/B) sum_b y[b, label_b]</c> of log-softmax outputs
    /// <paramref name="logProbabilities"/>[B×classes]: the same loss as <see cref="SoftmaxCrossEntropy"/>, without its
    /// clamp, since a log-probability needs none. When <paramref name="logitGradient"/> is not empty it receives the
    /// gradient with respect to the log-softmax inputs, <c>dz = (e^y - onehot(label)) / B</c>, softmax's own.
    /// </summary>
    public static float LogSoftmaxCrossEntropy(ReadOnlySpan<float> logProbabilities, ReadOnlySpan<int> labels, Span<float> logitGradient, int classes) =>
        CrossEntropy(logProbabilities, labels, logitGradient, classes, logarithmic: true, nameof(logProbabilities));

    /// <summary>
    /// The mean negative log-likelihood of <paramref name="outputs"/>, which are probabilities, or their logarithms when
    /// <paramref name="logarithmic"/>; the gradient is <c>(p - onehot(label)) / B</c> either way.
    /// </summary>
    private static float CrossEntropy(
        ReadOnlySpan<float> outputs, ReadOnlySpan<int> labels, Span<float> logitGradient, int classes, bool logarithmic, string outputsName)
    {
        int batch = labels.Length;
        if (outputs.Length < batch * classes)
        {
            throw new ArgumentException($"{outputsName} must hold {batch} x {classes} floats (got {outputs.Length}).", outputsName);
        }

        bool withGradient = !logitGradient.IsEmpty;
        float scale = 1f / batch;
        double total = 0;
        for (int b = 0; b < batch; b++)
        {
            int label = labels[b];
            if ((uint)label >= (uint)classes)
            {
                throw new ArgumentOutOfRangeException(nameof(labels), label, $"labels[{b}] must be a class index in [0, {classes}).");
            }

            var y = outputs.Slice(b * classes, classes);
            total -= logarithmic ? y[label] : Math.Log(Math.Max(y[label], MinProbability));
            if (withGradient)
            {
                var dz = logitGradient.Slice(b * classes, classes);
                if (logarithmic)
                {
                    TensorPrimitives.Exp(y, dz);
                    TensorPrimitives.Multiply(dz, scale, dz);
                }
                else
                {
                    TensorPrimitives.Multiply(y, scale, dz);
                }

                dz[label] -= scale;
            }
        }

        return (float)(total / batch);
    }

    /// <summary>
    /// Mean squared error <c>L = (1/B) sum_b (1/n) sum_i (y - t)²</c> over <paramref name="outputs"/>[B×n]. When
    /// <paramref name="outputGradient"/> is not empty it receives <c>dy = 2 (y - t) / (B n)</c>.
    /// </summary>
    public static float MeanSquaredError(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, Span<float> outputGradient, int width)
    {
        int count = targets.Length;
        if (outputs.Length < count)
        {
            throw new ArgumentException($"outputs must hold as many floats as targets ({count}, got {outputs.Length}).", nameof(outputs));
        }

        if (count % width != 0)
        {
            throw new ArgumentException($"targets must hold a whole number of samples of {width} floats (got {count}).", nameof(targets));
        }

        outputs = outputs.Slice(0, count);
        if (outputGradient.IsEmpty)
        {
            float distance = TensorPrimitives.Distance(outputs, targets);
            return distance * distance / count;
        }

        var dy = outputGradient.Slice(0, count);
        TensorPrimitives.Subtract(outputs, targets, dy);
        float sum = TensorPrimitives.SumOfSquares(dy);
        TensorPrimitives.Multiply(dy, 2f / count, dy);
        return sum / count;
    }
}
