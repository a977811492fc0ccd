using Butterfly.Bench.Quick;
using Butterfly.Kernels;

namespace Butterfly.Bench.Workloads;

/// <summary>W5: <c>C = A B</c> with A, B and C all 1024 × 1024 single precision, on every core.</summary>
internal sealed class Sgemm1024 : QuickWorkload
{
    private const int Size = 1024;
    private float[] _a = [];
    private float[] _b = [];
    private float[] _c = [];

    public override string Id => "W5";

    public override string Description => "SGEMM 1024 x 1024 x 1024";

    public override string Unit => "GFLOP/s";

    public override int BusyThreads => Parallelism.ThreadCount;

    public override int RoundsPerRun => 20;

    public override void Setup()
    {
        var random = new System.Random(5);
        _a = BenchData.Uniform(random, Size * Size);
        _b = BenchData.Uniform(random, Size * Size);
        _c = new float[Size * Size];
    }

    public override void Round() => Gemm.AB(_a, _b, _c, Size, Size, Size);

    public override double ValueOf(double secondsPerRound) => 2.0 * Size * Size * Size / secondsPerRound / 1e9;

    public override string Note(double value, Machine machine) => machine.ShareOfPeak(value, BusyThreads);
}
