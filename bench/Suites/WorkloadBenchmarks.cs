using BenchmarkDotNet.Attributes;
using Butterfly.Bench.Quick;
using Butterfly.Bench.Workloads;

namespace Butterfly.Bench.Suites;

/// <summary>
/// The BenchmarkDotNet suite: one benchmark per quick-mode row, each running one round of the same workload class,
/// so the two modes can never measure different things. <c>dotnet run -c Release --project bench -- --filter *</c>.
/// </summary>
[MemoryDiagnoser]
// Not sealed: BenchmarkDotNet derives a class from each benchmark type.
public class WorkloadBenchmarks
{
    private readonly QuickWorkload _w1 = new MlpPredict();
    private readonly QuickWorkload _w1Ort = new MlpPredictOnnxRuntime();
    private readonly QuickWorkload _w2 = new MlpMiniBatchTraining();
    private readonly QuickWorkload _w3 = new MlpOnlineTraining();
    private readonly QuickWorkload _w4 = new WideMlpTraining();
    private readonly QuickWorkload _w5 = new Sgemm1024();
    private readonly QuickWorkload _w6 = new CnnPredict();
    private readonly QuickWorkload _w6Ort = new CnnPredictOnnxRuntime();
    private readonly QuickWorkload _w7 = new CnnTraining();

    [GlobalSetup]
    public void Setup()
    {
        foreach (var workload in new[] { _w1, _w1Ort, _w2, _w3, _w4, _w5, _w6, _w6Ort, _w7 })
        {
            workload.Setup();
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _w1Ort.Cleanup();
        _w6Ort.Cleanup();
    }

    [Benchmark(Description = "W1 Predict 784-100-10")]
    public void W1() => _w1.Round();

    [Benchmark(Description = "W1-ort ONNX Runtime 784-100-10")]
    public void W1Ort() => _w1Ort.Round();

    [Benchmark(Description = "W2 SGD batch 32 (one step)")]
    public void W2() => _w2.Round();

    [Benchmark(Description = "W3 online SGD (one step)")]
    public void W3() => _w3.Round();

    [Benchmark(Description = "W4 SGD 784-1024-1024-10 batch 256 (one step)")]
    public void W4() => _w4.Round();

    [Benchmark(Description = "W5 SGEMM 1024^3")]
    public void W5() => _w5.Round();

    [Benchmark(Description = "W6 Predict LeNet 1x28x28")]
    public void W6() => _w6.Round();

    [Benchmark(Description = "W6-ort ONNX Runtime LeNet 1x28x28")]
    public void W6Ort() => _w6Ort.Round();

    [Benchmark(Description = "W7 SGD LeNet batch 64 (one step)")]
    public void W7() => _w7.Round();
}
