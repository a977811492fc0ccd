using Butterfly.Bench.Quick;

namespace Butterfly.Bench.Workloads;

/// <summary>W1: one sample through the 784-100-10 network's generated <c>Predict</c>.</summary>
internal sealed class MlpPredict : PredictWorkload<BenchMlp>
{
    public override string Id => "W1";

    public override string Description => "MLP 784-100-10 Predict, batch 1";

    public override int RoundsPerRun => 20_000;

    /// <summary>The weights and biases one prediction reads: 79,510 floats, 311 KB, more than L1 holds, so they come from L2.</summary>
    public const long WeightBytes = BenchMlp.ParameterCount * sizeof(float);

    protected override BenchMlp Create() => new(seed: 1);

    /// <summary>
    /// The time to stream <see cref="WeightBytes"/> from L2 at the bandwidth measured on one core: with Predict on T
    /// threads each core reads its share of the weights from its own L2, so the floor is divided by T.
    /// </summary>
    public override string Note(double value, Machine machine)
    {
        double floor = WeightBytes / (machine.L2BytesPerSecond * Threads) * 1e6;
        string cores = Threads == 1 ? "" : $" over {Threads} cores' L2";
        return string.Create(
            System.Globalization.CultureInfo.InvariantCulture,
            $"L2 floor {floor:0.00} us ({WeightBytes / 1024.0:0} KB of weights{cores} at {machine.L2BytesPerSecond / 1e9:0} GB/s each): {value / floor:0.0}x; {base.Note(value, machine)}");
    }
}
