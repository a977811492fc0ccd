using System;
using Butterfly.Bench.Quick;

namespace Butterfly.Bench.Workloads;

/// <summary>The bench's restricted Boltzmann machine: MNIST-sized, 784 binary visible units, 500 hidden.</summary>
[BoltzmannMachine(visible: 784, hidden: 500)]
internal sealed partial class BenchRbm;

/// <summary>
/// W11: one CD-1 training step of the 784-500 Bernoulli RBM on a batch of 100 binary samples (positive phase, one
/// Gibbs step, negative phase, the weight gradient, then SGD with momentum): three 100×500×784 products, about 3.9
/// MFLOP a sample with the sampling.
/// </summary>
internal sealed class RbmTraining : QuickWorkload
{
    private const int Batch = 100;
    private const int Batches = 16;
    private BenchRbm _machine = null!;
    private BoltzmannWorkspace _workspace = null!;
    private Sgd _optimizer = null!;
    private float[] _data = [];
    private int _next;

    public override string Id => "W11";

    public override string Description => "RBM 784-500 Bernoulli, one CD-1 step, batch 100";

    public override string Unit => "samples/s";

    public override int RoundsPerRun => 20;

    public override int BusyThreads => Parallelism.ThreadCount;

    public override void Setup()
    {
        _machine = new BenchRbm(seed: 11);
        _workspace = _machine.CreateWorkspace(Batch);
        _optimizer = new Sgd(0.05f, momentum: 0.9f);
        var random = new Random(11);
        _data = new float[Batches * Batch * BenchRbm.VisibleCount];
        for (int i = 0; i < _data.Length; i++)
        {
            // About as many pixels on as in MNIST's binarized digits.
            _data[i] = random.NextDouble() < 0.15 ? 1f : 0f;
        }
    }

    public override void Round()
    {
        int batch = _next;
        _next = (_next + 1) % Batches;
        _machine.TrainStep(_workspace, _data.AsSpan(batch * Batch * BenchRbm.VisibleCount, Batch * BenchRbm.VisibleCount), _optimizer);
    }

    public override double ValueOf(double secondsPerRound) => Batch / secondsPerRound;
}
