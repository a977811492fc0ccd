namespace Butterfly.Bench.Workloads;

/// <summary>W1-ort: W1's network and weights run by ONNX Runtime.</summary>
internal sealed class MlpPredictOnnxRuntime : OnnxRuntimePredict<BenchMlp>
{
    public override string Id => "W1-ort";

    public override string Description => "same MLP and weights, ONNX Runtime 1.31.1 in-process";

    public override string? ComparedWith => "W1";

    public override int RoundsPerRun => 10_000;

    protected override long[] InputShape => [1, BenchMlp.InputLength];

    protected override BenchMlp Create() => new(seed: 1);

    protected override byte[] Model(BenchMlp network) => MlpOnnxModel.Build(network);
}
