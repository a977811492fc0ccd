using System;
using System.Collections.Generic;
using System.Diagnostics;

namespace Butterfly;

/// <summary>
/// Mini-batch training: each epoch shuffles the samples with a seeded generator, gathers them into batches
/// and calls the network's training step, which runs forward, loss, backward and update.
/// </summary>
public sealed class Trainer
{
    private readonly INetwork _network;
    private readonly Optimizer _optimizer;
    private readonly TrainerOptions _options;
    private readonly SeededRandom _random;

    /// <summary>Prepares to train <paramref name="network"/> with <paramref name="optimizer"/>.</summary>
    public Trainer(INetwork network, Optimizer optimizer, TrainerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(optimizer);
        options ??= new TrainerOptions();
        options.Validate();
        _network = network;
        _optimizer = optimizer;
        _options = options;
        _random = new SeededRandom(options.Seed);
    }

    /// <summary>Trains for the configured number of epochs.</summary>
    /// <param name="train">The training set.</param>
    /// <param name="test">Scored after each epoch when given.</param>
    /// <param name="onEpoch">Called after each epoch with its report.</param>
    /// <returns>One report per epoch.</returns>
    public IReadOnlyList<EpochReport> Fit(Dataset train, Dataset? test = null, Action<EpochReport>? onEpoch = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        Evaluation.DatasetFits(_network, train, nameof(train));
        if (test is not null)
        {
            Evaluation.DatasetFits(_network, test, nameof(test));
        }

        int batchSize = Math.Min(_options.BatchSize, train.Count);
        var workspace = _network.CreateWorkspace(batchSize);
        var evaluationWorkspace = test is null ? null : _network.CreateWorkspace(Math.Min(_options.EvaluationBatchSize, test.Count));
        var order = new int[train.Count];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        var batchInputs = new float[batchSize * train.SampleLength];
        var batchLabels = train.HasLabels ? new int[batchSize] : [];
        var batchTargets = train.HasLabels ? [] : new float[batchSize * train.TargetLength];

        var reports = new List<EpochReport>(_options.Epochs);
        for (int epoch = 1; epoch <= _options.Epochs; epoch++)
        {
            if (_options.Shuffle)
            {
                _random.Shuffle(order.AsSpan());
            }

            var clock = Stopwatch.StartNew();
            double lossSum = 0;
            for (int start = 0; start < train.Count; start += batchSize)
            {
                int batch = Math.Min(batchSize, train.Count - start);
                var inputs = batchInputs.AsSpan(0, batch * train.SampleLength);
                for (int b = 0; b < batch; b++)
                {
                    train.Sample(order[start + b]).CopyTo(inputs.Slice(b * train.SampleLength));
                }

                float loss;
                if (train.HasLabels)
                {
                    for (int b = 0; b < batch; b++)
                    {
                        batchLabels[b] = train.Labels[order[start + b]];
                    }

                    loss = _network.TrainStep(workspace, inputs, batchLabels.AsSpan(0, batch), _optimizer);
                }
                else
                {
                    int t = train.TargetLength;
                    for (int b = 0; b < batch; b++)
                    {
                        train.Targets.Slice(order[start + b] * t, t).CopyTo(batchTargets.AsSpan(b * t));
                    }

                    loss = _network.TrainStep(workspace, inputs, batchTargets.AsSpan(0, batch * t), _optimizer);
                }

                lossSum += loss * (double)batch;
            }

            clock.Stop();
            EvaluationResult? score = evaluationWorkspace is null ? null : Evaluation.Evaluate(_network, test!, evaluationWorkspace);
            var report = new EpochReport(
                epoch,
                _options.Epochs,
                (float)(lossSum / train.Count),
                score,
                _optimizer.LearningRate,
                clock.Elapsed,
                train.Count / clock.Elapsed.TotalSeconds);
            reports.Add(report);
            onEpoch?.Invoke(report);
            _optimizer.LearningRate *= _options.LearningRateDecay;
        }

        return reports;
    }
}
