namespace Butterfly.Bench.Workloads;

/// <summary>W6-ort: W6's network and weights run by ONNX Runtime.</summary>
internal sealed class CnnPredictOnnxRuntime : OnnxRuntimePredict<BenchCnn>
{
    public override string Id => "W6-ort";

    public override string Description => "same CNN and weights, ONNX Runtime 1.31.1 in-process";

    public override string? ComparedWith => "W6";

    public override int RoundsPerRun => 2_000;

    protected override long[] InputShape => [1, 1, 28, 28];

    protected override BenchCnn Create() => new(seed: 1);

    protected override byte[] Model(BenchCnn network) => CnnOnnxModel.Build(network);
}
