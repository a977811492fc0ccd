using System;
using Butterfly.Bench.Quick;

namespace Butterfly.Bench.Workloads;

/// <summary>
/// SGD training of the King James language model (4 words of context, 64-dim embeddings, 256 tanh, 12,559 words), batch
/// 128, on synthetic batches whose words follow Zipf's law (frequency ∝ 1 / rank), as the Bible's roughly do; the
/// hierarchical softmax's Huffman tree is built from the same law. The value is samples per second.
/// </summary>
internal abstract class LanguageModelTraining : QuickWorkload
{
    protected const int Vocabulary = 12559;
    private const int BatchSize = 128;
    private const int Context = 4;
    private const int Batches = 16;
    private Workspace _workspace = null!;
    private Sgd _optimizer = null!;
    private int[] _contexts = [];
    private int[] _targets = [];
    private int _next;

    public override string Unit => "samples/s";

    public override int BusyThreads => Parallelism.ThreadCount;

    /// <summary>Counts proportional to 1 / rank, for the Huffman tree.</summary>
    protected static long[] ZipfCounts()
    {
        var counts = new long[Vocabulary];
        for (int rank = 0; rank < Vocabulary; rank++)
        {
            counts[rank] = 1_000_000L / (rank + 1) + 1;
        }

        return counts;
    }

    protected abstract INetwork Network { get; }

    protected abstract void CreateNetwork();

    protected abstract void Step(Workspace workspace, ReadOnlySpan<int> contexts, ReadOnlySpan<int> targets, Optimizer optimizer);

    public override void Setup()
    {
        CreateNetwork();
        _workspace = Network.CreateWorkspace(BatchSize);
        _optimizer = new Sgd(0.1f);
        var random = new Random(10);
        var counts = ZipfCounts();
        var cumulative = new double[Vocabulary];
        double total = 0;
        for (int i = 0; i < Vocabulary; i++)
        {
            total += counts[i];
            cumulative[i] = total;
        }

        int Draw()
        {
            int index = Array.BinarySearch(cumulative, random.NextDouble() * total);
            return Math.Min(index < 0 ? ~index : index, Vocabulary - 1);
        }

        _contexts = new int[Batches * BatchSize * Context];
        _targets = new int[Batches * BatchSize];
        for (int i = 0; i < _contexts.Length; i++)
        {
            _contexts[i] = Draw();
        }

        for (int i = 0; i < _targets.Length; i++)
        {
            _targets[i] = Draw();
        }
    }

    public override void Round()
    {
        int batch = _next;
        _next = (_next + 1) % Batches;
        Step(_workspace, _contexts.AsSpan(batch * BatchSize * Context, BatchSize * Context), _targets.AsSpan(batch * BatchSize, BatchSize), _optimizer);
    }

    public override double ValueOf(double secondsPerRound) => BatchSize / secondsPerRound;
}

/// <summary>W10: the language model with a hierarchical softmax over a Huffman tree.</summary>
internal sealed class LanguageModelTreeTraining : LanguageModelTraining
{
    private BenchLanguageTree _network = null!;

    public override string Id => "W10";

    public override string Description => "KJV language model, hierarchical softmax (Huffman, 12,559 words), SGD, batch 128";

    public override int RoundsPerRun => 60;

    protected override INetwork Network => _network;

    protected override void CreateNetwork() => _network = new BenchLanguageTree(ClassTree.Huffman(ZipfCounts()), seed: 10);

    protected override void Step(Workspace workspace, ReadOnlySpan<int> contexts, ReadOnlySpan<int> targets, Optimizer optimizer) =>
        _network.TrainStep(workspace, contexts, targets, optimizer);
}

/// <summary>W10-full: the same model with a full softmax over the 12,559 words.</summary>
internal sealed class LanguageModelSoftmaxTraining : LanguageModelTraining
{
    private BenchLanguageSoftmax _network = null!;

    public override string Id => "W10-full";

    public override string Description => "KJV language model, full softmax (12,559 words), SGD, batch 128";

    public override int RoundsPerRun => 4;

    protected override INetwork Network => _network;

    protected override void CreateNetwork() => _network = new BenchLanguageSoftmax(seed: 10);

    protected override void Step(Workspace workspace, ReadOnlySpan<int> contexts, ReadOnlySpan<int> targets, Optimizer optimizer) =>
        _network.TrainStep(workspace, contexts, targets, optimizer);
}
