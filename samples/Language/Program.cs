using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Butterfly;
using Butterfly.Samples.Language;

// The main job of issue 15: a Bengio-style word-level language model of the King James Bible, trained with a full softmax
// and with a hierarchical softmax over a tree of words clustered by the words they follow, with the same settings; prints
// a table and a sampled verse of each.
return RunSettings.Run(args, Train);

static int Train(RunSettings settings)
{
    string? data = KjvCorpus.FindDataDirectory(AppContext.BaseDirectory) ?? KjvCorpus.FindDataDirectory(Directory.GetCurrentDirectory());
    if (data is null)
    {
        Console.Error.WriteLine("error: data/kjv was not found above the program or the current folder.");
        return 1;
    }

    var corpus = KjvCorpus.Load(data);
    double unigram = UnigramPerplexity(corpus);
    Console.WriteLine(string.Create(
        CultureInfo.InvariantCulture,
        $"King James Bible: {corpus.Train.Count:N0} training and {corpus.Test.Count:N0} test words (every 20th verse; {corpus.UnknownTestWords} unknown), vocabulary {KjvCorpus.VocabularySize:N0}; unigram test perplexity {unigram:F1}"));
    Console.WriteLine(string.Create(
        CultureInfo.InvariantCulture,
        $"{KjvCorpus.Context} words of context, 64-dim embeddings, 256 tanh units; {settings.Optimizer} lr {settings.LearningRate} (lowered each epoch toward a tenth), batch {settings.BatchSize}, {settings.Epochs} epochs, seed {settings.Seed}, {Parallelism.ThreadCount} threads"));

    var tree = settings.Tree == "huffman"
        ? ClassTree.Huffman(corpus.Counts)
        : ClassTree.Clustered(corpus.ContextFeatures(), KjvCorpus.ContextFeatureLength, corpus.Counts);
    double meanDepth = Enumerable.Range(0, corpus.Counts.Length).Sum(c => (double)corpus.Counts[c] * tree.Depth(c)) / corpus.Counts.Sum();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{(settings.Tree == "huffman" ? "Huffman tree" : "Clustered tree (words that follow alike share paths)")}: {meanDepth:F2} decisions per training word on average, {Enumerable.Range(0, tree.Classes).Max(tree.Depth)} at most"));
    Directory.CreateDirectory(settings.Output);

    var models = new List<LanguageModel>();
    if (settings.Only is null or "full")
    {
        models.Add(new FullSoftmaxLanguageModel(new FullSoftmaxModel(settings.Seed)));
    }

    if (settings.Only is null or "hsm")
    {
        models.Add(new HierarchicalLanguageModel(new HierarchicalSoftmaxModel(tree, settings.Seed)));
    }

    var display = new ProgressDisplay();
    var runs = new List<(string Name, IReadOnlyList<EpochFigures> History)>();
    display.Run(() =>
    {
        foreach (var model in models)
        {
            runs.Add((model.Name, LanguageTraining.Run(model, corpus, settings, display)));
        }
    });

    Console.WriteLine();
    Console.WriteLine($"After {settings.Epochs} epochs (time per epoch: training steps only, median over epochs):");
    Console.WriteLine("| network | test perplexity | s/epoch | samples/s | parameters |");
    Console.WriteLine("|---|---:|---:|---:|---:|");
    foreach (var (model, (name, history)) in models.Zip(runs))
    {
        double seconds = Median(history.Select(f => f.Seconds));
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"| {name} | {history[^1].TestPerplexity:F1} | {seconds:F1} | {corpus.Train.Count / seconds:N0} | {model.Network.ParameterCount:N0} |"));
    }

    if (runs.Count == 2)
    {
        double speedup = Median(runs[0].History.Select(f => f.Seconds)) / Median(runs[1].History.Select(f => f.Seconds));
        double gap = runs[1].History[^1].TestPerplexity / runs[0].History[^1].TestPerplexity - 1;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Hierarchical softmax: {speedup:F1}x faster per epoch; test perplexity {gap:+0.0%;-0.0%} against the full softmax's."));
    }

    Console.WriteLine();
    foreach (var model in models)
    {
        Console.WriteLine($"{model.Name} (seed {settings.Seed}): {SentenceSampler.Sample(model, corpus.Words, settings.Seed)}");
        WeightsFile.Save(model.Network, Path.Combine(settings.Output, model is HierarchicalLanguageModel ? "hierarchical-softmax.bfw" : "full-softmax.bfw"));
    }

    string chart = Path.Combine(settings.Output, "perplexity.png");
    PerplexityChart.Save(runs, unigram, chart);
    Console.WriteLine($"Wrote {chart} and the weights to {settings.Output}.");
    return 0;
}

// Add-one smoothed word frequencies of the training text, scored on the test words.
static double UnigramPerplexity(KjvCorpus corpus)
{
    double total = corpus.Counts.Sum() + corpus.Counts.Length;
    double sum = corpus.Test.Targets.Sum(target => Math.Log((corpus.Counts[target] + 1) / total));
    return Math.Exp(-sum / corpus.Test.Count);
}

static double Median(IEnumerable<double> values)
{
    var sorted = values.Order().ToArray();
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
}
