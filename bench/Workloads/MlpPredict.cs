using Butterfly.Bench.Quick;

namespace Butterfly.Bench.Workloads;

/// <summary>W1: one sample through the 784-100-10 network's generated <c>Predict</c>.</summary>
internal sealed class MlpPredict : QuickWorkload
{
    private BenchMlp _network = null!;
    private float[] _input = [];
    private readonly float[] _output = new float[BenchMlp.OutputLength];

    public override string Id => "W1";

    public override string Description => "MLP 784-100-10 Predict, batch 1";

    public override string Unit => "us/sample";

    public override int RoundsPerRun => 20_000;

    public override void Setup()
    {
        _network = new BenchMlp(seed: 1);
        _input = BenchData.Uniform(new System.Random(1), BenchMlp.InputLength);
    }

    public override void Round() => _network.Predict(_input, _output);

    public override double ValueOf(double secondsPerRound) => secondsPerRound * 1e6;
}
