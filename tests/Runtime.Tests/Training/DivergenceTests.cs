using System;
using Butterfly.Runtime.Tests.Networks;

namespace Butterfly.Runtime.Tests.Training;

public sealed class DivergenceTests
{
    [Fact]
    public void A_nan_weight_stops_training_at_the_first_step_and_names_its_layer()
    {
        var network = new TinyClassifier(seed: 1);
        network.Dense2Weights[5] = float.NaN;
        var trainer = new Trainer(network, new Sgd(0.1f), new TrainerOptions { Epochs = 2, BatchSize = 10 });

        var error = Assert.Throws<TrainingDivergedException>(() => trainer.Fit(Blobs.Create(50, seed: 2)));

        Assert.Equal(1, error.Step);
        Assert.Equal(1, error.Epoch);
        Assert.Equal(1, error.Batch);
        Assert.True(float.IsNaN(error.Loss));
        Assert.Equal("dense_2", error.Layer);
        Assert.Contains("step 1 (epoch 1, batch 1)", error.Message);
        Assert.Contains("layer dense_2 (Dense(3))", error.Message);
        Assert.Contains("dense_2.weights", error.Message);
        Assert.DoesNotContain("dense_2.bias", error.Message);
        Assert.Equal(0, trainer.Optimizer.StepCount);
        Assert.True(float.IsNaN(network.Dense2Weights[5]) && float.IsFinite(network.Dense2Weights[4]), "the failed step must not update");
    }

    [Fact]
    public void A_learning_rate_that_explodes_stops_at_the_step_where_the_loss_stops_being_finite()
    {
        var network = new TanhRegressor(seed: 3);
        var random = new SeededRandom(4);
        var features = new float[40 * 5];
        var targets = new float[40 * 3];
        for (int i = 0; i < features.Length; i++)
        {
            features[i] = 2 * random.NextSingle() - 1;
        }

        for (int i = 0; i < targets.Length; i++)
        {
            targets[i] = 1e18f * (2 * random.NextSingle() - 1);
        }

        var optimizer = new Sgd(1e10f);
        var trainer = new Trainer(network, optimizer, new TrainerOptions { Epochs = 5, BatchSize = 8 });

        var error = Assert.Throws<TrainingDivergedException>(() => trainer.Fit(Dataset.WithTargets(features, 5, targets, 3)));

        Assert.Equal(optimizer.StepCount + 1, error.Step);
        Assert.Equal((error.Epoch - 1) * 5 + error.Batch, error.Step);
        Assert.False(float.IsFinite(error.Loss));
        Assert.NotNull(error.Layer);
        Assert.Contains($"step {error.Step} (epoch {error.Epoch}, batch {error.Batch})", error.Message);
        Assert.Contains(error.Layer!, error.Message);
        foreach (float parameter in network.Parameters)
        {
            Assert.True(float.IsFinite(parameter), "the failed step must leave the last finite parameters");
        }
    }

    [Fact]
    public void Infinite_input_is_blamed_on_the_data_not_on_a_layer()
    {
        var data = Blobs.Create(20, seed: 5);
        var features = new float[20 * 4];
        var labels = new int[20];
        for (int i = 0; i < 20; i++)
        {
            data.Sample(i).CopyTo(features.AsSpan(i * 4));
            labels[i] = data.Labels[i];
        }

        features[13] = float.PositiveInfinity;
        var trainer = new Trainer(new TinyClassifier(seed: 1), new Sgd(0.1f), new TrainerOptions { BatchSize = 20, Shuffle = false });

        var error = Assert.Throws<TrainingDivergedException>(() => trainer.Fit(Dataset.WithLabels(features, 4, labels)));

        Assert.Null(error.Layer);
        Assert.Contains("input batch", error.Message);
    }

    [Fact]
    public void Layer_outputs_list_every_layer_in_forward_order()
    {
        INetwork network = new TinyClassifier();
        var layers = network.LayerOutputs.ToArray();
        Assert.Equal(["dense_1", "tanh_1", "dense_2", "softmax_1"], Array.ConvertAll(layers, l => l.Name));
        Assert.Equal(["Dense(8)", "Tanh", "Dense(3)", "Softmax"], Array.ConvertAll(layers, l => l.Layer));
        Assert.Equal([8, 8, 3, 3], Array.ConvertAll(layers, l => l.Length));
    }
}
