using System;
using System.Numerics.Tensors;
using Butterfly.Kernels;

namespace Butterfly;

/// <summary>The loss and, for labelled data, the accuracy of a network over a dataset.</summary>
/// <param name="Loss">The mean loss per sample.</param>
/// <param name="Accuracy">The fraction of samples whose largest output is the label; NaN without labels.</param>
/// <param name="Count">How many samples were scored.</param>
public readonly record struct EvaluationResult(float Loss, float Accuracy, int Count);

/// <summary>Scores a network on a dataset, in batches, without touching its parameters.</summary>
public static class Evaluation
{
    /// <summary>Runs <paramref name="data"/> forward through <paramref name="network"/> and scores the outputs.</summary>
    /// <param name="network">The network.</param>
    /// <param name="data">Samples of the network's input length.</param>
    /// <param name="workspace">Scratch from <paramref name="network"/>'s CreateWorkspace; its MaxBatch sets the batch size.</param>
    public static EvaluationResult Evaluate(INetwork network, Dataset data, Workspace workspace)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(workspace);
        DatasetFits(network, data, nameof(data));

        int n = network.InputLength, width = network.OutputLength;
        double lossSum = 0;
        int correct = 0;

        // A [LogSoftmax] output gives log-probabilities, whose negative log-likelihood is the output itself.
        bool logProbabilities = data.HasLabels && network.Structure.Output.Kind == "LogSoftmax";
        for (int start = 0; start < data.Count; start += workspace.MaxBatch)
        {
            int batch = Math.Min(workspace.MaxBatch, data.Count - start);
            var outputs = network.Forward(workspace, data.Features.Slice(start * n, batch * n));
            if (data.HasLabels)
            {
                var labels = data.Labels.Slice(start, batch);
                lossSum += (logProbabilities
                    ? Losses.LogSoftmaxCrossEntropy(outputs, labels, default, width)
                    : Losses.SoftmaxCrossEntropy(outputs, labels, default, width)) * (double)batch;
                for (int b = 0; b < batch; b++)
                {
                    if (TensorPrimitives.IndexOfMax(outputs.Slice(b * width, width)) == labels[b])
                    {
                        correct++;
                    }
                }
            }
            else
            {
                var targets = data.Targets.Slice(start * width, batch * width);
                lossSum += Losses.MeanSquaredError(outputs, targets, default, width) * (double)batch;
            }
        }

        float accuracy = data.HasLabels ? (float)correct / data.Count : float.NaN;
        return new EvaluationResult((float)(lossSum / data.Count), accuracy, data.Count);
    }

    /// <summary>
    /// How many samples of labelled <paramref name="data"/> <paramref name="predict"/> classifies correctly, one sample
    /// at a time: the class is the largest output (the first on ties).
    /// </summary>
    /// <param name="data">Samples with labels.</param>
    /// <param name="predict">A one-sample predict, such as a network's <c>Predict</c> or an embedded <c>PredictEmbedded</c>.</param>
    /// <param name="outputLength">Outputs per sample: the number of classes.</param>
    public static int CountCorrect(Dataset data, SamplePrediction predict, int outputLength)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(predict);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outputLength);
        if (!data.HasLabels)
        {
            throw new ArgumentException("data must carry class labels.", nameof(data));
        }

        var output = new float[outputLength];
        int n = data.SampleLength, correct = 0;
        for (int i = 0; i < data.Count; i++)
        {
            predict(data.Features.Slice(i * n, n), output);
            correct += TensorPrimitives.IndexOfMax<float>(output) == data.Labels[i] ? 1 : 0;
        }

        return correct;
    }

    /// <summary>
    /// Counts, for a labelled dataset, how often each true class (row) was predicted as each class (column): the
    /// diagonal holds the correct predictions.
    /// </summary>
    /// <param name="network">A classifier.</param>
    /// <param name="data">Samples with labels in [0, <see cref="INetwork.OutputLength"/>).</param>
    /// <param name="workspace">Scratch from <paramref name="network"/>'s CreateWorkspace; its MaxBatch sets the batch size.</param>
    /// <returns>A square matrix of <see cref="INetwork.OutputLength"/> classes, indexed [true, predicted].</returns>
    public static int[,] ConfusionMatrix(INetwork network, Dataset data, Workspace workspace)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(workspace);
        DatasetFits(network, data, nameof(data));
        if (!data.HasLabels)
        {
            throw new ArgumentException("data must carry class labels to count a confusion matrix.", nameof(data));
        }

        int n = network.InputLength, classes = network.OutputLength;
        var counts = new int[classes, classes];
        for (int start = 0; start < data.Count; start += workspace.MaxBatch)
        {
            int batch = Math.Min(workspace.MaxBatch, data.Count - start);
            var outputs = network.Forward(workspace, data.Features.Slice(start * n, batch * n));
            for (int b = 0; b < batch; b++)
            {
                int label = data.Labels[start + b];
                if (label >= classes)
                {
                    throw new ArgumentException($"Label {start + b} is {label}; the network has {classes} classes.", nameof(data));
                }

                counts[label, TensorPrimitives.IndexOfMax(outputs.Slice(b * classes, classes))]++;
            }
        }

        return counts;
    }

    /// <summary>Throws unless <paramref name="data"/> has the network's sample length and the kind of target its loss needs.</summary>
    internal static void DatasetFits(INetwork network, Dataset data, string name)
    {
        if (data.SampleLength != network.InputLength)
        {
            throw new ArgumentException(
                $"{name} has samples of {data.SampleLength} floats but the network takes {network.InputLength}.", name);
        }

        if (network.Loss == LossFunction.CrossEntropy)
        {
            if (!data.HasLabels)
            {
                throw new ArgumentException($"{name} must carry class labels: the network is trained with cross-entropy.", name);
            }
        }
        else if (data.HasLabels || data.TargetLength != network.OutputLength)
        {
            throw new ArgumentException(
                $"{name} must carry target vectors of {network.OutputLength} floats: the network is trained with mean squared error.", name);
        }
    }
}
