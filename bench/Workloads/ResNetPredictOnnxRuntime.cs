namespace Butterfly.Bench.Workloads;

/// <summary>W8-ort: W8's network and weights run by ONNX Runtime.</summary>
internal sealed class ResNetPredictOnnxRuntime : OnnxRuntimePredict<BenchResNet>
{
    public override string Id => "W8-ort";

    public override string Description => "same ResNet and weights, ONNX Runtime 1.31.1 in-process";

    public override string? ComparedWith => "W8";

    public override int RoundsPerRun => 200;

    protected override long[] InputShape => [1, 1, 28, 28];

    protected override BenchResNet Create() => new(seed: 1);

    protected override byte[] Model(BenchResNet network) => ResNetOnnxModel.Build(network);
}
