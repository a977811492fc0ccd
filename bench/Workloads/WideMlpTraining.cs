using Butterfly.Bench.Quick;

namespace Butterfly.Bench.Workloads;

/// <summary>W4: SGD on the 784-1024-1024-10 ReLU network, batch 256.</summary>
internal sealed class WideMlpTraining : TrainingWorkload<WideMlp>
{
    public override string Id => "W4";

    public override string Description => "MLP 784-1024-1024-10 ReLU SGD training, batch 256";

    public override int BusyThreads => Parallelism.ThreadCount;

    public override int RoundsPerRun => 12;

    protected override int BatchSize => 256;

    /// <summary>
    /// Floating-point operations per sample of one step: 2 per multiply-add of the three forward products, the three
    /// weight gradients and the two input gradients (the first layer's is not computed), 2·(3·Σ weights − 784·1024).
    /// Bias, activation, loss and update work is left out: it is well under 1%.
    /// </summary>
    private const double FlopsPerSample = 2.0 * ((3.0 * ((784 * 1024) + (1024 * 1024) + (1024 * 10))) - (784 * 1024));

    protected override WideMlp Create() => new(seed: 4);

    public override string Note(double value, Machine machine) => machine.ShareOfPeak(value * FlopsPerSample / 1e9, BusyThreads);
}
