namespace Butterfly.Bench.Workloads;

/// <summary>W9: SGD on the bench residual network, batch 64.</summary>
internal sealed class ResNetTraining : TrainingWorkload<BenchResNet>
{
    public override string Id => "W9";

    public override string Description => "ResNet 1x28x28 2 residual blocks (16, 32 ch) GAP-10 SGD training, batch 64";

    public override int BusyThreads => Parallelism.ThreadCount;

    public override int RoundsPerRun => 4;

    protected override int BatchSize => 64;

    protected override BenchResNet Create() => new(seed: 2);
}
