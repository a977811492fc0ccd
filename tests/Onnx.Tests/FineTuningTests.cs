using System;
using System.Linq;

namespace Butterfly.Onnx.Tests;

/// <summary>
/// An imported network starts from the model's weights and trains like a declared one: a few training steps on a fixed
/// batch lower its loss, and the trained weights differ from the embedded ones only where training changed them.
/// </summary>
public sealed class FineTuningTests
{
    [Fact]
    public void Training_steps_lower_the_loss_of_the_imported_weights()
    {
        var network = new ImportedResidual();
        var fresh = new ImportedResidual();
        Assert.True(network.Parameters.SequenceEqual(fresh.Parameters));

        var random = new Random(3);
        const int Batch = 8;
        var inputs = Enumerable.Range(0, Batch * ImportedResidual.InputLength).Select(_ => (float)random.NextDouble()).ToArray();
        var targets = Enumerable.Range(0, Batch * ImportedResidual.OutputLength).Select(_ => (float)((random.NextDouble() * 1.6) - 0.8)).ToArray();
        var workspace = network.CreateWorkspace(Batch);
        var optimizer = new Sgd(0.05f);
        float first = network.TrainStep(workspace, inputs, targets, optimizer);
        float last = first;
        for (int step = 0; step < 30; step++)
        {
            last = network.TrainStep(workspace, inputs, targets, optimizer);
        }

        Assert.True(last < first * 0.9f, $"loss {first} → {last}");
        Assert.False(network.Parameters.SequenceEqual(fresh.Parameters));
    }
}
