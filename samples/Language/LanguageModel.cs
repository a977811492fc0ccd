using System;

namespace Butterfly.Samples.Language;

/// <summary>What the sample does with either network: train on a batch, score test words, and give a next-word distribution.</summary>
internal abstract class LanguageModel
{
    /// <summary>The name in the table and the chart.</summary>
    public abstract string Name { get; }

    public abstract INetwork Network { get; }

    /// <summary>One SGD step on a batch of contexts and next-word targets; the batch's mean loss.</summary>
    public abstract float TrainStep(Workspace workspace, ReadOnlySpan<int> contexts, ReadOnlySpan<int> targets, Optimizer optimizer);

    /// <summary><c>log P(target | context)</c> for each sample of a batch.</summary>
    public abstract void LogProbabilities(Workspace workspace, ReadOnlySpan<int> contexts, ReadOnlySpan<int> targets, Span<float> result);

    /// <summary>The distribution of the next word after one context.</summary>
    public abstract void Distribution(ReadOnlySpan<int> context, Span<float> probabilities);
}

/// <summary>The softmax network: the test words' log-probabilities come from the full distribution, <c>O(V)</c> each.</summary>
internal sealed class FullSoftmaxLanguageModel(FullSoftmaxModel network) : LanguageModel
{
    public override string Name => "full softmax";

    public override INetwork Network => network;

    public override float TrainStep(Workspace workspace, ReadOnlySpan<int> contexts, ReadOnlySpan<int> targets, Optimizer optimizer) =>
        network.TrainStep(workspace, contexts, targets, optimizer);

    public override void LogProbabilities(Workspace workspace, ReadOnlySpan<int> contexts, ReadOnlySpan<int> targets, Span<float> result)
    {
        var outputs = network.Forward(workspace, contexts);
        for (int b = 0; b < targets.Length; b++)
        {
            result[b] = MathF.Log(outputs[b * FullSoftmaxModel.OutputLength + targets[b]]);
        }
    }

    public override void Distribution(ReadOnlySpan<int> context, Span<float> probabilities) => network.Predict(context, probabilities);
}

/// <summary>The hierarchical-softmax network: a test word's log-probability is one path, <c>O(log V)</c>.</summary>
internal sealed class HierarchicalLanguageModel(HierarchicalSoftmaxModel network) : LanguageModel
{
    public override string Name => "hierarchical softmax";

    public override INetwork Network => network;

    public override float TrainStep(Workspace workspace, ReadOnlySpan<int> contexts, ReadOnlySpan<int> targets, Optimizer optimizer) =>
        network.TrainStep(workspace, contexts, targets, optimizer);

    public override void LogProbabilities(Workspace workspace, ReadOnlySpan<int> contexts, ReadOnlySpan<int> targets, Span<float> result) =>
        network.LogProbabilities(workspace, contexts, targets, result);

    public override void Distribution(ReadOnlySpan<int> context, Span<float> probabilities) => network.Predict(context, probabilities);
}
