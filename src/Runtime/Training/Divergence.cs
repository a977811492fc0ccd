using System;

namespace Butterfly;

/// <summary>
/// Explains a training step whose loss is not finite: looks at the input batch, then at each layer's output in
/// forward order, and names the first that holds NaN or infinity, with the parameters of that layer that do.
/// </summary>
internal static class Divergence
{
    public static TrainingDivergedException Explain(
        INetwork network, Workspace workspace, ReadOnlySpan<float> inputs, int batch, float loss, long step, int epoch, int batchIndex)
    {
        string where = $"Training diverged at step {step} (epoch {epoch}, batch {batchIndex}): the loss is {Describe(loss)}";
        if (!AllFinite(inputs))
        {
            return new TrainingDivergedException(
                step, epoch, batchIndex, loss, null,
                $"{where}, because the input batch holds NaN or infinity. Clean the data: every input must be a finite number.");
        }

        LayerOutput? culprit = null;
        foreach (var layer in network.LayerOutputs)
        {
            if (!AllFinite(workspace.Region(layer.Offset, layer.Length, batch)))
            {
                culprit = layer;
                break;
            }
        }

        // The loss itself overflowed while every activation is finite (a squared error too large for float, say):
        // the output layer is where it happened.
        var last = network.LayerOutputs[^1];
        var blamed = culprit ?? last;
        string broken = BrokenParameters(network, blamed.Name);
        string what = culprit is null
            ? $"the output of every layer is finite, but the loss computed from {blamed.Name} ({blamed.Layer}) is not"
            : $"layer {blamed.Name} ({blamed.Layer}) is the first whose output holds NaN or infinity";
        string parameters = broken.Length == 0
            ? ""
            : $"; its parameters {broken} hold NaN or infinity (an earlier update overflowed, or they were set so)";
        return new TrainingDivergedException(
            step, epoch, batchIndex, loss, blamed.Name,
            $"{where}: {what}{parameters}. Lower the learning rate, clip gradients (Optimizer.MaxGradientNorm) or check the data's scale.");
    }

    private static string Describe(float value) => float.IsNaN(value) ? "NaN" : value > 0 ? "+infinity" : "-infinity";

    private static string BrokenParameters(INetwork network, string layer)
    {
        string names = "";
        var parameters = network.Parameters;
        foreach (var block in network.ParameterBlocks)
        {
            if (block.Name.StartsWith(layer + ".", StringComparison.Ordinal) && !AllFinite(parameters.Slice(block.Offset, block.Length)))
            {
                names += names.Length == 0 ? block.Name : ", " + block.Name;
            }
        }

        return names;
    }

    private static bool AllFinite(ReadOnlySpan<float> values)
    {
        foreach (float value in values)
        {
            if (!float.IsFinite(value))
            {
                return false;
            }
        }

        return true;
    }
}
