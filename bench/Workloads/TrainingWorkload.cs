using System;
using Butterfly.Bench.Quick;

namespace Butterfly.Bench.Workloads;

/// <summary>
/// SGD training of a generated network on a fixed set of synthetic batches: each round is one
/// <c>TrainStep</c> on the next batch. The value is samples per second.
/// </summary>
internal abstract class TrainingWorkload<TNetwork> : QuickWorkload
    where TNetwork : INetwork
{
    private const int Batches = 16;
    private TNetwork _network = default!;
    private Workspace _workspace = null!;
    private Sgd _optimizer = null!;
    private float[] _inputs = [];
    private int[] _labels = [];
    private int _next;

    /// <summary>Samples per step.</summary>
    protected abstract int BatchSize { get; }

    public override string Unit => "samples/s";

    protected abstract TNetwork Create();

    public override void Setup()
    {
        _network = Create();
        _workspace = _network.CreateWorkspace(BatchSize);
        _optimizer = new Sgd(0.01f);
        var random = new Random(2);
        _inputs = BenchData.Uniform(random, Batches * BatchSize * _network.InputLength);
        _labels = BenchData.Labels(random, Batches * BatchSize, _network.OutputLength);
    }

    public override void Round()
    {
        int batch = _next;
        _next = (_next + 1) % Batches;
        var inputs = _inputs.AsSpan(batch * BatchSize * _network.InputLength, BatchSize * _network.InputLength);
        var labels = _labels.AsSpan(batch * BatchSize, BatchSize);
        _network.TrainStep(_workspace, inputs, labels, _optimizer);
    }

    public override double ValueOf(double secondsPerRound) => BatchSize / secondsPerRound;
}
