namespace Butterfly.Bench.Workloads;

/// <summary>W4: SGD on the 784-1024-1024-10 ReLU network, batch 256.</summary>
internal sealed class WideMlpTraining : TrainingWorkload<WideMlp>
{
    public override string Id => "W4";

    public override string Description => "MLP 784-1024-1024-10 ReLU SGD training, batch 256";

    public override int BusyThreads => Parallelism.ThreadCount;

    public override int RoundsPerRun => 12;

    protected override int BatchSize => 256;

    protected override WideMlp Create() => new(seed: 4);
}
