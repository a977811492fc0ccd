namespace Butterfly.Bench.Workloads;

/// <summary>W2: SGD on the 784-100-10 network, batch 32.</summary>
internal sealed class MlpMiniBatchTraining : TrainingWorkload<BenchMlp>
{
    public override string Id => "W2";

    public override string Description => "MLP 784-100-10 SGD training, batch 32";

    public override int BusyThreads => Parallelism.ThreadCount;

    public override int RoundsPerRun => 400;

    protected override int BatchSize => 32;

    protected override BenchMlp Create() => new(seed: 2);
}
