using System;
using Butterfly.Bench.Quick;

namespace Butterfly.Bench.Workloads;

/// <summary>One sample through a generated network's <c>Predict</c>; the value is microseconds per sample.</summary>
internal abstract class PredictWorkload<TNetwork> : QuickWorkload
    where TNetwork : INetwork
{
    private TNetwork _network = default!;
    private float[] _input = [];
    private float[] _output = [];

    public override string Unit => "us/sample";

    protected abstract TNetwork Create();

    public override void Setup()
    {
        _network = Create();
        _input = BenchData.Uniform(new Random(1), _network.InputLength);
        _output = new float[_network.OutputLength];
    }

    public override void Round() => _network.Predict(_input, _output);

    public override double ValueOf(double secondsPerRound) => secondsPerRound * 1e6;
}
