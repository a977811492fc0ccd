namespace Butterfly.Bench.Workloads;

/// <summary>W7: SGD on the bench LeNet, batch 64.</summary>
internal sealed class CnnTraining : TrainingWorkload<BenchCnn>
{
    public override string Id => "W7";

    public override string Description => "CNN 1x28x28 conv8-pool-conv16-pool-10 SGD training, batch 64";

    public override int BusyThreads => Parallelism.ThreadCount;

    public override int RoundsPerRun => 40;

    protected override int BatchSize => 64;

    protected override BenchCnn Create() => new(seed: 2);
}
