using System;
using System.Globalization;
using Butterfly.Bench.Quick;

namespace Butterfly.Bench.Workloads;

/// <summary>
/// One sample through a generated network's <c>Predict</c>; the value is microseconds per sample. Like the ONNX
/// Runtime rows, set-up tries <see cref="Parallelism.PredictThreadCount"/> 1 and every core, each in a block of runs
/// of its own, and keeps the fastest: the choice a user who wants the lowest latency would make.
/// </summary>
internal abstract class PredictWorkload<TNetwork> : QuickWorkload
    where TNetwork : INetwork
{
    private TNetwork _network = default!;
    private float[] _input = [];
    private float[] _output = [];
    private int _threads = 1;

    public override string Unit => "us/sample";

    public override int BusyThreads => _threads;

    /// <summary>The threads each call uses: the fastest of the counts tried.</summary>
    protected int Threads => _threads;

    protected abstract TNetwork Create();

    public override void Setup()
    {
        _network = Create();
        _input = BenchData.Uniform(new Random(1), _network.InputLength);
        _output = new float[_network.OutputLength];
        int[] candidates = Environment.ProcessorCount == 1 ? [1] : [1, Environment.ProcessorCount];
        double best = double.MaxValue;
        foreach (int threads in candidates)
        {
            Parallelism.PredictThreadCount = threads;
            double seconds = BlockTiming.SecondsPerRound(this);
            Console.Error.WriteLine(string.Create(
                CultureInfo.InvariantCulture, $"  {Id} with Predict on {ThreadWords(threads)}: {seconds * 1e6:0.00} us/sample (median of a block of runs)"));
            if (seconds < best)
            {
                best = seconds;
                _threads = threads;
            }
        }

        Parallelism.PredictThreadCount = _threads;
        Console.Error.WriteLine($"  {Id} keeps the fastest: Predict on {ThreadWords(_threads)}");
    }

    public override void Round() => _network.Predict(_input, _output);

    public override double ValueOf(double secondsPerRound) => secondsPerRound * 1e6;

    public override string Note(double value, Machine machine) => $"Predict's fastest here: {ThreadWords(_threads)}";

    public override void Cleanup() => Parallelism.PredictThreadCount = 1;

    private static string ThreadWords(int threads) => threads == 1 ? "1 thread" : $"{threads} threads";
}
