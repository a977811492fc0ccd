namespace Butterfly.Bench.Workloads;

/// <summary>W3: online SGD (one sample per step) on the 784-100-10 network.</summary>
internal sealed class MlpOnlineTraining : TrainingWorkload<BenchMlp>
{
    public override string Id => "W3";

    public override string Description => "MLP 784-100-10 online SGD, batch 1";

    // The batch-1 weight gradient and the SGD update are split between threads (each core keeps its half in L2).
    public override int BusyThreads => Parallelism.ThreadCount;

    public override int RoundsPerRun => 5_000;

    protected override int BatchSize => 1;

    protected override BenchMlp Create() => new(seed: 3);
}
