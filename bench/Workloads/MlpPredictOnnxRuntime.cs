using System;
using Butterfly.Bench.Quick;
using Microsoft.ML.OnnxRuntime;

namespace Butterfly.Bench.Workloads;

/// <summary>
/// W1-ort: W1's network, with the same weights, run by ONNX Runtime in this process, through its fastest C# path:
/// <see cref="OrtValue"/>s over pre-allocated buffers, reused for every call.
/// </summary>
internal sealed class MlpPredictOnnxRuntime : QuickWorkload
{
    private readonly float[] _output = new float[BenchMlp.OutputLength];
    private float[] _input = [];
    private InferenceSession _session = null!;
    private RunOptions _runOptions = null!;
    private OrtValue _inputValue = null!;
    private OrtValue _outputValue = null!;
    private string[] _inputNames = [];
    private string[] _outputNames = [];
    private OrtValue[] _inputs = [];
    private OrtValue[] _outputs = [];

    public override string Id => "W1-ort";

    public override string Description => "same MLP and weights, ONNX Runtime 1.31.1 in-process";

    public override string Unit => "us/sample";

    public override int BusyThreads => Environment.ProcessorCount;

    public override int RoundsPerRun => 10_000;

    public override void Setup()
    {
        var network = new BenchMlp(seed: 1);
        _input = BenchData.Uniform(new Random(1), BenchMlp.InputLength);
        using var options = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            IntraOpNumThreads = Environment.ProcessorCount,
        };
        _session = new InferenceSession(MlpOnnxModel.Build(network), options);
        _runOptions = new RunOptions();
        _inputValue = OrtValue.CreateTensorValueFromMemory(_input, [1, BenchMlp.InputLength]);
        _outputValue = OrtValue.CreateTensorValueFromMemory(_output, [1, BenchMlp.OutputLength]);
        _inputNames = ["x"];
        _outputNames = ["y"];
        _inputs = [_inputValue];
        _outputs = [_outputValue];

        // The same weights must give the same probabilities as W1 does.
        var expected = new float[BenchMlp.OutputLength];
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
