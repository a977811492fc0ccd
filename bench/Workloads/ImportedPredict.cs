using System;
using System.Linq;

namespace Butterfly.Bench.Workloads;

/// <summary>
/// A network imported from an ONNX file at build time, timed as its declared twin is. Set-up checks that the committed
/// file is what the bench's ONNX builder gives for the twin with seed 1: the same signature, the same weights, and so
/// the same outputs bit for bit.
/// </summary>
internal abstract class ImportedPredict<TImported, TDeclared> : PredictWorkload<TImported>
    where TImported : INetwork, new()
    where TDeclared : INetwork
{
    protected abstract TDeclared CreateTwin();

    protected override TImported Create()
    {
        var imported = new TImported();
        var twin = CreateTwin();
        if (imported.Signature != twin.Signature || !imported.Parameters.SequenceEqual(twin.Parameters))
        {
            throw new InvalidOperationException($"{Id}: bench/Models does not hold {twin.Signature} with seed 1 as MlpOnnxModel and CnnOnnxModel build it.");
        }

        var input = BenchData.Uniform(new Random(2), imported.InputLength);
        float[] ours = new float[imported.OutputLength], theirs = new float[imported.OutputLength];
        imported.Predict(input, ours);
        twin.Predict(input, theirs);
        return ours.SequenceEqual(theirs) ? imported : throw new InvalidOperationException($"{Id}: Predict differs from the declared twin's.");
    }
}

/// <summary>W1-onnx: W1's network imported from <c>bench/Models/w1-mlp.onnx</c>, <c>MlpOnnxModel.Build(new BenchMlp(seed: 1))</c>.</summary>
internal sealed class MlpPredictImported : ImportedPredict<ImportedBenchMlp, BenchMlp>
{
    public override string Id => "W1-onnx";

    public override string Description => "same MLP imported from ONNX at build time";

    public override int RoundsPerRun => 20_000;

    public override string? ComparedWith => "W1";

    protected override BenchMlp CreateTwin() => new(seed: 1);
}

/// <summary>W6-onnx: W6's network imported from <c>bench/Models/w6-cnn.onnx</c>, <c>CnnOnnxModel.Build(new BenchCnn(seed: 1))</c>.</summary>
internal sealed class CnnPredictImported : ImportedPredict<ImportedBenchCnn, BenchCnn>
{
    public override string Id => "W6-onnx";

    public override string Description => "same CNN imported from ONNX at build time";

    public override int RoundsPerRun => 2_000;

    public override string? ComparedWith => "W6";

    protected override BenchCnn CreateTwin() => new(seed: 1);
}
