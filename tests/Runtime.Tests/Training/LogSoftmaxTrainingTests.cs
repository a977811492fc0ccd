using System;
using Butterfly.Runtime.Tests.Networks;

namespace Butterfly.Runtime.Tests.Training;

/// <summary>
/// A <c>[LogSoftmax]</c> output trains as a <c>[Softmax]</c> output with cross-entropy does: the same initial weights, the
/// same losses and the same weights after training steps, and Predict gives the logarithms of the softmax's
/// probabilities. Evaluation scores its log-probabilities with the same loss.
/// </summary>
public sealed class LogSoftmaxTrainingTests
{
    [Fact]
    public void Log_softmax_trains_as_softmax_with_cross_entropy()
    {
        var softmax = new SigmoidSoftmaxNet(3);
        var logSoftmax = new SigmoidLogSoftmaxNet(3);
        Assert.Equal(softmax.Parameters.ToArray(), logSoftmax.Parameters.ToArray());
        Assert.Equal(LossFunction.CrossEntropy, SigmoidLogSoftmaxNet.Loss);

        var (inputs, labels) = Batch(16, seed: 4);
        var softmaxWorkspace = softmax.CreateWorkspace(16);
        var logWorkspace = logSoftmax.CreateWorkspace(16);
        var softmaxOptimizer = new Sgd(0.5f);
        var logOptimizer = new Sgd(0.5f);
        float first = 0, last = 0;
        for (int step = 0; step < 30; step++)
        {
            float expected = softmax.TrainStep(softmaxWorkspace, inputs, labels, softmaxOptimizer);
            float loss = logSoftmax.TrainStep(logWorkspace, inputs, labels, logOptimizer);
            Assert.Equal(expected, loss, 5);
            first = step == 0 ? loss : first;
            last = loss;
        }

        Assert.True(last < 0.8f * first, $"The loss went from {first} to {last}: training did not move.");
        var trained = softmax.Parameters.ToArray();
        var logTrained = logSoftmax.Parameters.ToArray();
        for (int i = 0; i < trained.Length; i++)
        {
            Assert.Equal(trained[i], logTrained[i], 4);
        }

        var probabilities = new float[3];
        var logProbabilities = new float[3];
        softmax.Predict(inputs.AsSpan(0, 5), probabilities);
        logSoftmax.Predict(inputs.AsSpan(0, 5), logProbabilities);
        for (int c = 0; c < 3; c++)
        {
            Assert.True(logProbabilities[c] < 0f);
            Assert.Equal(probabilities[c], MathF.Exp(logProbabilities[c]), 4);
        }

        var data = Dataset.WithLabels(inputs, 5, labels);
        var scored = Evaluation.Evaluate(logSoftmax, data, logSoftmax.CreateWorkspace(8));
        var reference = Evaluation.Evaluate(softmax, data, softmax.CreateWorkspace(8));
        Assert.Equal(reference.Loss, scored.Loss, 4);
        Assert.Equal(reference.Accuracy, scored.Accuracy);
    }

    private static (float[] Inputs, int[] Labels) Batch(int count, int seed)
    {
        var random = new Random(seed);
        var inputs = new float[count * 5];
        var labels = new int[count];
        for (int b = 0; b < count; b++)
        {
            labels[b] = b % 3;
            for (int i = 0; i < 5; i++)
            {
                // Separable classes: feature `label` is raised.
                inputs[b * 5 + i] = (float)(random.NextDouble() - 0.5) + (i == labels[b] ? 2f : 0f);
            }
        }

        return (inputs, labels);
    }
}
