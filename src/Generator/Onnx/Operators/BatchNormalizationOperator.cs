using System;
using Butterfly.Generator.Model;

namespace Butterfly.Generator.Onnx.Operators;

/// <summary>
/// <c>BatchNormalization</c> in inference, <c>y = γ (x - μ) / sqrt(σ² + ε) + β</c> per channel. Right after a Conv or
/// Gemm that nothing else reads, it folds into that layer: with <c>s = γ / sqrt(σ² + ε)</c>, <c>w' = s w</c> per output
/// channel and <c>b' = s (b - μ) + β</c>, so it costs nothing. Elsewhere it becomes <c>[BatchNorm]</c> with the
/// model's statistics as its running averages.
/// </summary>
internal sealed class BatchNormalizationOperator : OnnxOperator
{
    public override string OpType => "BatchNormalization";

    public override void Lower(ImportContext context)
    {
        context.Known("epsilon", "momentum", "spatial", "training_mode");
        if (context.Int("training_mode", 0) != 0 || (context.Node.Outputs.Count > 1 && context.Node.Outputs[1].Length > 0))
        {
            throw context.Reject("training mode (running statistics as outputs)", "inference: one output, normalized with the stored statistics");
        }

        if (context.Int("spatial", 1) != 1)
        {
            throw context.Reject("spatial = 0", "spatial = 1 (one mean and variance per channel)");
        }

        var input = context.Activation(0);
        int channels = input.Shape[0];
        float[] gamma = Channel(context, 1, "scale", channels), beta = Channel(context, 2, "B", channels);
        float[] mean = Channel(context, 3, "mean", channels), variance = Channel(context, 4, "var", channels);
        float epsilon = context.Float("epsilon", 1e-5f);
        if (context.FoldTarget(input, "Conv2D", "Dense") is { } layer)
        {
            float[] weights = layer.Parameters[0], bias = layer.Parameters[1];
            int perChannel = weights.Length / channels;
            for (int c = 0; c < channels; c++)
            {
                float scale = (float)(gamma[c] / Math.Sqrt(variance[c] + (double)epsilon));
                for (int i = c * perChannel; i < (c + 1) * perChannel; i++)
                {
                    weights[i] *= scale;
                }

                bias[c] = (scale * (bias[c] - mean[c])) + beta[c];
            }

            context.Output(input);
            return;
        }

        // ONNX's momentum weighs the old running average (default 0.9); Butterfly's weighs the new batch.
        float momentum = (float)(1 - ImportContext.Number(context.Float("momentum", 0.9f)));
        context.Output(context.AddLayer(
            "BatchNorm",
            [new("momentum", ImportContext.Number(momentum)), new("epsilon", ImportContext.Number(epsilon))],
            [context.Exact(0)],
            null,
            (float[])gamma.Clone(),
            (float[])beta.Clone(),
            (float[])mean.Clone(),
            (float[])variance.Clone()));
    }

    private static float[] Channel(ImportContext context, int k, string role, int channels)
    {
        var tensor = context.Constant(k, role);
        float[] values = context.Floats(tensor);
        return values.Length == channels && tensor.Dims.Count == 1
            ? values
            : throw context.Fail($"its {role} has the shape {tensor.ShapeText}, but the input has {channels} channels");
    }
}
