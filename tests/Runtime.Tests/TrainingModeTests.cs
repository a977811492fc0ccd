using System;
using System.IO;
using System.Linq;
using Butterfly.Runtime.Tests.Networks;

namespace Butterfly.Runtime.Tests;

/// <summary>
/// What differs between training and inference: dropout drops only in training, batch normalization's running
/// statistics move only in training-mode forward passes, no optimizer touches them, and weights files keep them.
/// </summary>
public sealed class TrainingModeTests
{
    [Fact]
    public void Dropout_and_batch_statistics_act_only_in_training_mode()
    {
        var network = new DropoutBatchNormNet(seed: 2);
        var workspace = network.CreateWorkspace(4);
        var inputs = Enumerable.Range(0, 4 * DropoutBatchNormNet.InputLength).Select(i => MathF.Sin(i)).ToArray();
        var state = network.BatchNorm1RunningMean.ToArray();

        var inference = network.Forward(workspace, inputs).ToArray();
        Assert.Equal(inference, network.Forward(workspace, inputs, training: false).ToArray());
        Assert.Equal(state, network.BatchNorm1RunningMean.ToArray());

        var training = network.Forward(workspace, inputs, training: true).ToArray();
        Assert.NotEqual(inference, training);
        Assert.NotEqual(state, network.BatchNorm1RunningMean.ToArray());

        // The same noise key draws the same mask; the next step draws another.
        var again = network.Forward(workspace, inputs, training: true).ToArray();
        Assert.Equal(training, again, new FloatTolerance(1e-5f));
        workspace.NoiseStep++;
        Assert.NotEqual(training, network.Forward(workspace, inputs, training: true).ToArray());
    }

    [Theory]
    [InlineData("sgd")]
    [InlineData("adamw")]
    [InlineData("adam")]
    public void No_optimizer_or_penalty_changes_running_statistics(string kind)
    {
        Optimizer optimizer = kind switch
        {
            "sgd" => new Sgd(0.5f, momentum: 0.9f),
            "adamw" => new AdamW(0.1f, weightDecay: 0.5f, decayBiases: true),
            _ => new Adam(0.1f),
        };
        optimizer.Regularization = new Regularization { Weights = new Penalty(L2: 0.1f, L1: 0.1f), Biases = new Penalty(L2: 0.1f, L1: 0.1f) };
        var network = new DropoutBatchNormNet(seed: 3);
        network.BatchNorm1RunningMean.Fill(0.25f);
        network.BatchNorm1RunningVariance.Fill(2f);
        var gradients = Enumerable.Repeat(1f, DropoutBatchNormNet.ParameterCount).ToArray();
        for (int i = 0; i < 3; i++)
        {
            optimizer.Step(network.Parameters, gradients, network.ParameterBlocks);
        }

        Assert.All(network.BatchNorm1RunningMean.ToArray(), v => Assert.Equal(0.25f, v));
        Assert.All(network.BatchNorm1RunningVariance.ToArray(), v => Assert.Equal(2f, v));
        Assert.NotEqual(1f, network.BatchNorm1Gamma[0]);
    }

    [Fact]
    public void Weights_files_keep_the_running_statistics()
    {
        var network = new DropoutBatchNormNet(seed: 4);
        var workspace = network.CreateWorkspace(8);
        var inputs = Enumerable.Range(0, 8 * DropoutBatchNormNet.InputLength).Select(i => MathF.Cos(i) * 3).ToArray();
        var labels = Enumerable.Range(0, 8).Select(i => i % 3).ToArray();
        var optimizer = new Adam(0.01f);
        for (int i = 0; i < 5; i++)
        {
            network.TrainStep(workspace, inputs, labels, optimizer);
        }

        string path = Path.Combine(Path.GetTempPath(), $"butterfly-bn-{Environment.ProcessId}.bfw");
        try
        {
            WeightsFile.Save(network, path);
            var loaded = new DropoutBatchNormNet(seed: 9);
            WeightsFile.Load(loaded, path);
            Assert.Equal(network.BatchNorm1RunningMean.ToArray(), loaded.BatchNorm1RunningMean.ToArray());
            Assert.Equal(network.BatchNorm1RunningVariance.ToArray(), loaded.BatchNorm1RunningVariance.ToArray());
            var expected = new float[3];
            var actual = new float[3];
            network.Predict(inputs.AsSpan(0, DropoutBatchNormNet.InputLength), expected);
            loaded.Predict(inputs.AsSpan(0, DropoutBatchNormNet.InputLength), actual);
            Assert.Equal(expected, actual);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Running_statistics_are_blocks_of_role_state_with_zero_gradient()
    {
        var network = new DropoutBatchNormNet(seed: 5);
        var roles = network.ParameterBlocks.ToArray().Select(b => (b.Name, b.Role)).ToArray();
        Assert.Contains(("batch_norm_1.runningmean", ParameterRole.State), roles);
        Assert.Contains(("batch_norm_1.runningvariance", ParameterRole.State), roles);
        Assert.Contains(("batch_norm_1.gamma", ParameterRole.Bias), roles);
    }

    private sealed class FloatTolerance(float tolerance) : System.Collections.Generic.IEqualityComparer<float>
    {
        public bool Equals(float x, float y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(float obj) => 0;
    }
}
