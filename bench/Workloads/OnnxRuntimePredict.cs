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

    public override void Setup()
    {
        var network = Create();
        _input = BenchData.Uniform(new Random(1), network.InputLength);
        _output = new float[network.OutputLength];
        using var options = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            IntraOpNumThreads = Environment.ProcessorCount,
        };
        _session = new InferenceSession(Model(network), options);
        _runOptions = new RunOptions();
        _inputValue = OrtValue.CreateTensorValueFromMemory(_input, InputShape);
        _outputValue = OrtValue.CreateTensorValueFromMemory(_output, [1, network.OutputLength]);
        _inputs = [_inputValue];
        _outputs = [_outputValue];

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
