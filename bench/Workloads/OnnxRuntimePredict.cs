using System;
using System.Globalization;
using Butterfly.Bench.Quick;
using Microsoft.ML.OnnxRuntime;

namespace Butterfly.Bench.Workloads;

/// <summary>
/// A generated network's Predict row run by ONNX Runtime in this process instead, with the same weights, through its
/// fastest C# path: <see cref="OrtValue"/>s over pre-allocated buffers, reused for every call, and at its best
/// settings on this machine: set-up tries one intra-op thread and all cores with and without spinning, each in a
/// block of runs of its own, and keeps the fastest. Before timing, the outputs must agree with the generated
/// <c>Predict</c>.
/// </summary>
internal abstract class OnnxRuntimePredict<TNetwork> : QuickWorkload
    where TNetwork : INetwork
{
    private float[] _input = [];
    private float[] _output = [];
    private InferenceSession _session = null!;
    private RunOptions _runOptions = null!;
    private OrtValue _inputValue = null!;
    private OrtValue _outputValue = null!;
    private readonly string[] _inputNames = ["x"];
    private readonly string[] _outputNames = ["y"];
    private OrtValue[] _inputs = [];
    private OrtValue[] _outputs = [];
    private Settings _settings;

    public override string Unit => "us/sample";

    public override int BusyThreads => _settings.Threads;

    /// <summary>The network, seeded as the generated row seeds it.</summary>
    protected abstract TNetwork Create();

    /// <summary>The ONNX model of <paramref name="network"/>, input <c>x</c>, output <c>y</c>.</summary>
    protected abstract byte[] Model(TNetwork network);

    /// <summary>The shape of <c>x</c>, batch 1 first.</summary>
    protected abstract long[] InputShape { get; }

    public override void Setup()
    {
        var network = Create();
        _input = BenchData.Uniform(new Random(1), network.InputLength);
        _output = new float[network.OutputLength];
        _runOptions = new RunOptions();
        _inputValue = OrtValue.CreateTensorValueFromMemory(_input, InputShape);
        _outputValue = OrtValue.CreateTensorValueFromMemory(_output, [1, network.OutputLength]);
        _inputs = [_inputValue];
        _outputs = [_outputValue];
        var model = Model(network);
        var expected = new float[network.OutputLength];
        network.Predict(_input, expected);

        Settings[] candidates = Environment.ProcessorCount == 1
            ? [new(1, Spinning: false)]
            : [new(1, Spinning: false), new(Environment.ProcessorCount, Spinning: true), new(Environment.ProcessorCount, Spinning: false)];
        double best = double.MaxValue;
        foreach (var candidate in candidates)
        {
            var session = Open(model, candidate);
            _session = session;
            Round();
            Check(expected);
            double seconds = BlockTiming.SecondsPerRound(this);
            Console.Error.WriteLine(string.Create(
                CultureInfo.InvariantCulture, $"  {Id} with {candidate}: {seconds * 1e6:0.00} us/sample (median of a block of runs)"));
            if (seconds < best)
            {
                best = seconds;
                _settings = candidate;
            }

            session.Dispose();
        }

        _session = Open(model, _settings);
        Console.Error.WriteLine($"  {Id} keeps the fastest: {_settings}");
    }

    public override string Note(double value, Machine machine) => $"ONNX Runtime's fastest here: {_settings}";

    private static InferenceSession Open(byte[] model, Settings settings)
    {
        using var options = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            IntraOpNumThreads = settings.Threads,
        };
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", settings.Spinning ? "1" : "0");
        return new InferenceSession(model, options);
    }

    private void Check(float[] expected)
    {
        for (int i = 0; i < expected.Length; i++)
        {
            if (Math.Abs(expected[i] - _output[i]) > 1e-4f)
            {
                throw new InvalidOperationException($"ONNX Runtime disagrees with Predict at output {i}: {_output[i]} vs {expected[i]}.");
            }
        }
    }

    public override void Round() => _session.Run(_runOptions, _inputNames, _inputs, _outputNames, _outputs);

    public override double ValueOf(double secondsPerRound) => secondsPerRound * 1e6;

    public override void Cleanup()
    {
        _inputValue.Dispose();
        _outputValue.Dispose();
        _runOptions.Dispose();
        _session.Dispose();
    }

    /// <summary>ONNX Runtime's intra-op threads, and whether they spin between calls.</summary>
    private readonly record struct Settings(int Threads, bool Spinning)
    {
        public override string ToString() =>
            Threads == 1 ? "1 intra-op thread" : $"{Threads} intra-op threads, spinning {(Spinning ? "on" : "off")}";
    }
}
