namespace Butterfly.Bench.Workloads;

/// <summary>W8: one 28×28 image through the bench residual network's generated <c>Predict</c>.</summary>
internal sealed class ResNetPredict : PredictWorkload<BenchResNet>
{
    public override string Id => "W8";

    public override string Description => "ResNet 1x28x28 2 residual blocks (16, 32 ch) GAP-10 Predict, batch 1";

    public override int RoundsPerRun => 200;

    protected override BenchResNet Create() => new(seed: 1);
}
