using System;
using Butterfly.Bench.Quick;
using Microsoft.ML.OnnxRuntime;

namespace Butterfly.Bench.Workloads;

/// <summary>
/// A generated network's Predict row run by ONNX Runtime in this process instead, with the same weights, through its
/// fastest C# path: <see cref="OrtValue"/>s over pre-allocated buffers, reused for every call. Before timing, the
/// outputs must agree with the generated <c>Predict</c>.
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

    public override string Unit => "us/sample";

    public override int BusyThreads => Environment.ProcessorCount;

    /// <summary>The network, seeded as the generated row seeds it.</summary>
    protected abstract TNetwork Create();

    /// <summary>The ONNX model of <paramref name="network"/>, input <c>x</c>, output <c>y</c>.</summary>
    protected abstract byte[] Model(TNetwork network);

    /// <summary>The shape of <c>x</c>, batch 1 first.</summary>
    protected abstract long[] InputShape { get; }

    /// <summary>
    /// Whether set-up times a session with one intra-op thread against one with all of them (warm, in alternating
    /// batches of calls) and keeps the faster: ONNX Runtime's best configuration for this model on this machine.
    /// </summary>
    protected virtual bool TriesThreadCounts => false;

    public override void Setup()
    {
        var network = Create();
        _input = BenchData.Uniform(new Random(1), network.InputLength);
        _output = new float[network.OutputLength];
        var model = Model(network);
        _runOptions = new RunOptions();
        _inputValue = OrtValue.CreateTensorValueFromMemory(_input, InputShape);
        _outputValue = OrtValue.CreateTensorValueFromMemory(_output, [1, network.OutputLength]);
        _inputs = [_inputValue];
        _outputs = [_outputValue];
        _session = Session(model, Environment.ProcessorCount);
        if (TriesThreadCounts && Environment.ProcessorCount > 1)
        {
            var all = _session;
            var one = Session(model, 1);
            double allSeconds = 0, oneSeconds = 0;
            for (int turn = 0; turn < 6; turn++)
            {
                _session = all;
                allSeconds += Time();
                _session = one;
                oneSeconds += Time();
            }

            _session = oneSeconds < allSeconds ? one : all;
            (oneSeconds < allSeconds ? all : one).Dispose();
            Console.Error.WriteLine(
                $"  {Id}: {(oneSeconds < allSeconds ? 1 : Environment.ProcessorCount)} intra-op thread(s), the faster: " +
                $"{allSeconds / oneSeconds:0.00}x the time of 1 thread with {Environment.ProcessorCount}");
        }

        var expected = new float[network.OutputLength];
        network.Predict(_input, expected);
        Round();
        for (int i = 0; i < expected.Length; i++)
        {
            if (Math.Abs(expected[i] - _output[i]) > 1e-4f)
            {
                throw new InvalidOperationException($"ONNX Runtime disagrees with Predict at output {i}: {_output[i]} vs {expected[i]}.");
            }
        }
    }

    private static InferenceSession Session(byte[] model, int threads)
    {
        using var options = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            IntraOpNumThreads = threads,
        };
        return new InferenceSession(model, options);
    }

    /// <summary>Seconds for a batch of warm calls on the current session.</summary>
    private double Time()
    {
        for (int i = 0; i < 20; i++)
        {
            Round();
        }

        long start = System.Diagnostics.Stopwatch.GetTimestamp();
        for (int i = 0; i < 100; i++)
        {
            Round();
        }

        return System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalSeconds;
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
}
