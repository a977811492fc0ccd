namespace Butterfly.Bench.Workloads;

/// <summary>W1: one sample through the 784-100-10 network's generated <c>Predict</c>.</summary>
internal sealed class MlpPredict : PredictWorkload<BenchMlp>
{
    public override string Id => "W1";

    public override string Description => "MLP 784-100-10 Predict, batch 1";

    public override int RoundsPerRun => 20_000;

    protected override BenchMlp Create() => new(seed: 1);
}
