namespace Butterfly.Bench.Workloads;

/// <summary>W6: one 28×28 image through the bench LeNet's generated <c>Predict</c>.</summary>
internal sealed class CnnPredict : PredictWorkload<BenchCnn>
{
    public override string Id => "W6";

    public override string Description => "CNN 1x28x28 conv8-pool-conv16-pool-10 Predict, batch 1";

    public override int RoundsPerRun => 2_000;

    protected override BenchCnn Create() => new(seed: 1);
}
