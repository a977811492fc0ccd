using System;
using System.Collections.Generic;
using System.Diagnostics;

namespace Butterfly.Samples.Language;

/// <summary>
/// One epoch's figures: the training time alone (scoring excluded), the test perplexity after it, and the test perplexity
/// after each of its <see cref="LanguageTraining.ScoresPerEpoch"/> equal parts (the last is <paramref name="TestPerplexity"/>),
/// so that even a single epoch draws a curve.
/// </summary>
internal readonly record struct EpochFigures(int Epoch, double Seconds, int Samples, float MeanTrainLoss, double TestPerplexity, double[] PartPerplexities)
{
    public double SamplesPerSecond => Samples / Seconds;
}

/// <summary>
/// Trains a <see cref="LanguageModel"/> with plain SGD (or AdaGrad) on shuffled mini-batches (the same seeded order for every network)
/// and scores the test set after each epoch: perplexity <c>exp(-(1/N) Σ log P(word | context))</c>.
/// </summary>
internal static class LanguageTraining
{
    private const int ScoringBatch = 256;

    /// <summary>How often an epoch stops to score the test set, for the curves.</summary>
    public const int ScoresPerEpoch = 10;

    public static List<EpochFigures> Run(LanguageModel model, KjvCorpus corpus, RunSettings settings, ProgressDisplay display)
    {
        var train = corpus.Train;
        Optimizer optimizer = settings.Optimizer == "adagrad" ? new AdaGrad(settings.LearningRate) : new Sgd(settings.LearningRate);
        var workspace = model.Network.CreateWorkspace(settings.BatchSize);
        var contexts = new int[settings.BatchSize * KjvCorpus.Context];
        var targets = new int[settings.BatchSize];
        var order = new int[train.Count];
        var random = new SeededRandom(settings.Seed);
        var history = new List<EpochFigures>();
        int steps = (train.Count + settings.BatchSize - 1) / settings.BatchSize;
        for (int epoch = 1; epoch <= settings.Epochs; epoch++)
        {
            for (int i = 0; i < order.Length; i++)
            {
                order[i] = i;
            }

            random.Shuffle(order.AsSpan());

            // Lowered each epoch, linearly toward a tenth: epoch e of E runs at lr (1 - 0.9 (e - 1) / E).
            optimizer.LearningRate = settings.LearningRate * (1f - 0.9f * (epoch - 1) / Math.Max(1, settings.Epochs));
            double lossSum = 0;
            var parts = new double[ScoresPerEpoch];
            int scored = 0;
            var clock = Stopwatch.StartNew();
            display.StartEpoch(model.Name, epoch, settings.Epochs, steps);
            for (int step = 0; step < steps; step++)
            {
                int start = step * settings.BatchSize;
                int batch = Math.Min(settings.BatchSize, train.Count - start);
                for (int b = 0; b < batch; b++)
                {
                    int sample = order[start + b];
                    train.Contexts.AsSpan(sample * KjvCorpus.Context, KjvCorpus.Context).CopyTo(contexts.AsSpan(b * KjvCorpus.Context));
                    targets[b] = train.Targets[sample];
                }

                float loss = model.TrainStep(workspace, contexts.AsSpan(0, batch * KjvCorpus.Context), targets.AsSpan(0, batch), optimizer);
                if (!float.IsFinite(loss))
                {
                    throw new InvalidOperationException($"{model.Name}: the loss of step {step + 1} of epoch {epoch} is {loss}; lower --lr.");
                }

                lossSum += loss * batch;
                display.Step(step + 1, clock.Elapsed, (step + 1.0) * settings.BatchSize / clock.Elapsed.TotalSeconds, lossSum / (start + batch));

                // Part p (1-based) ends after step ceil(p · steps / ScoresPerEpoch); scoring is not timed.
                while (scored < ScoresPerEpoch && step + 1 == (int)(((long)(scored + 1) * steps + ScoresPerEpoch - 1) / ScoresPerEpoch))
                {
                    clock.Stop();
                    parts[scored++] = Perplexity(model, corpus.Test);
                    clock.Start();
                }
            }

            clock.Stop();
            double perplexity = parts[^1];
            var figures = new EpochFigures(epoch, clock.Elapsed.TotalSeconds, train.Count, (float)(lossSum / train.Count), perplexity, parts);
            history.Add(figures);
            display.EndEpoch(model.Name, figures);
        }

        return history;
    }

    public static double Perplexity(LanguageModel model, KjvCorpus.Samples test)
    {
        var workspace = model.Network.CreateWorkspace(ScoringBatch);
        var logProbabilities = new float[ScoringBatch];
        double sum = 0;
        for (int start = 0; start < test.Count; start += ScoringBatch)
        {
            int batch = Math.Min(ScoringBatch, test.Count - start);
            var result = logProbabilities.AsSpan(0, batch);
            model.LogProbabilities(
                workspace,
                test.Contexts.AsSpan(start * KjvCorpus.Context, batch * KjvCorpus.Context),
                test.Targets.AsSpan(start, batch),
                result);
            foreach (float value in result)
            {
                sum += value;
            }
        }

        return Math.Exp(-sum / test.Count);
    }
}
