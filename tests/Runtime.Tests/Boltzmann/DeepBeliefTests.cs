using System;
using System.IO;
using System.Linq;

namespace Butterfly.Runtime.Tests.Boltzmann;

/// <summary>Greedy layer-wise pretraining into a network's Dense + Sigmoid layers, and machines in weights files.</summary>
public sealed class DeepBeliefTests
{
    private static float[] BinaryData(int samples, int length, int seed)
    {
        var random = new SeededRandom(seed);
        var data = new float[samples * length];
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = random.NextSingle() < 0.4f ? 1f : 0f;
        }

        return data;
    }

    [Fact]
    public void Pretrainable_layers_come_from_the_generated_layout()
    {
        var layers = DeepBelief.PretrainableLayers(new TinyBeliefNet());
        Assert.Equal(2, layers.Count);
        Assert.Equal(new PretrainableLayer("dense_1", 6, 4, new ParameterBlock("dense_1.weights", 0, 24, ParameterRole.Weight), new ParameterBlock("dense_1.bias", 24, 4, ParameterRole.Bias)), layers[0]);
        Assert.Equal(("dense_2", 4, 3), (layers[1].Name, layers[1].Inputs, layers[1].Units));
        Assert.Empty(DeepBelief.PretrainableLayers(new TinyTanhNet()));

        var throughDropout = DeepBelief.PretrainableLayers(new TinyDropoutBeliefNet());
        Assert.Equal(["dense_1", "dense_2"], throughDropout.Select(layer => layer.Name));
        var error = Assert.Throws<ArgumentException>(() => DeepBelief.Pretrain(
            new TinyDropoutBeliefNet(), [new TinyMachine(), new TinyUpperMachine(), new TinyUpperMachine()], BinaryData(40, 6, 1), _ => new Sgd(0.1f), new BoltzmannTrainerOptions { Epochs = 1, BatchSize = 20 }));
        Assert.Contains("layer dense_3 (Dense(2)) is followed by softmax_1 (Softmax)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_named_sigmoid_is_pretrainable_and_a_branch_ends_the_stack()
    {
        var layers = DeepBelief.PretrainableLayers(new TinyBranchBeliefNet());
        Assert.Equal(["dense_1"], layers.Select(layer => layer.Name));
    }

    [Fact]
    public void Pretraining_copies_each_machine_into_its_layer_and_trains_the_next_on_hidden_probabilities()
    {
        var network = new TinyBeliefNet(1);
        var untouched = network.Parameters.ToArray();
        var lower = new TinyMachine(2);
        var upper = new TinyUpperMachine(3);
        var data = BinaryData(200, 6, 4);
        var options = new BoltzmannTrainerOptions { Epochs = 3, BatchSize = 20, MonitorSamples = 50 };
        int reports = 0;
        DeepBelief.Pretrain(network, [lower, upper], data, _ => new Sgd(0.1f, momentum: 0.5f), options, (_, _) => reports++);
        Assert.Equal(6, reports);

        Assert.Equal(lower.Weights.ToArray(), network.Dense1Weights.ToArray());
        Assert.Equal(lower.HiddenBias.ToArray(), network.Dense1Bias.ToArray());
        Assert.Equal(upper.Weights.ToArray(), network.Dense2Weights.ToArray());
        Assert.Equal(upper.HiddenBias.ToArray(), network.Dense2Bias.ToArray());
        Assert.Equal(untouched.AsSpan(network.ParameterBlocks[4].Offset).ToArray(), network.Parameters[network.ParameterBlocks[4].Offset..].ToArray());

        // The upper machine saw the lower one's p(h | v), not the data: training it alone on those gives the same bits.
        var replayLower = new TinyMachine(2);
        new BoltzmannTrainer(replayLower, new Sgd(0.1f, momentum: 0.5f), options).Fit(data);
        var replayUpper = new TinyUpperMachine(3);
        new BoltzmannTrainer(replayUpper, new Sgd(0.1f, momentum: 0.5f), options with { Seed = options.Seed + 1 }).Fit(DeepBelief.HiddenProbabilities(replayLower, data));
        Assert.Equal(replayUpper.Parameters.ToArray(), upper.Parameters.ToArray());
    }

    [Fact]
    public void A_layer_that_is_not_dense_and_sigmoid_cannot_be_pretrained()
    {
        var data = BinaryData(40, 6, 1);
        var options = new BoltzmannTrainerOptions { Epochs = 1, BatchSize = 20 };
        var error = Assert.Throws<ArgumentException>(() => DeepBelief.Pretrain(new TinyTanhNet(), [new TinyMachine()], data, _ => new Sgd(0.1f), options));
        Assert.Contains("layer dense_1 (Dense(4)) is followed by tanh_1 (Tanh)", error.Message, StringComparison.Ordinal);

        error = Assert.Throws<ArgumentException>(() => DeepBelief.Pretrain(new TinyBeliefNet(), [new TinyMachine(), new TinyUpperMachine(), new TinyUpperMachine()], data, _ => new Sgd(0.1f), options));
        Assert.Contains("layer dense_3 (Dense(2)) is followed by softmax_1 (Softmax)", error.Message, StringComparison.Ordinal);

        error = Assert.Throws<ArgumentException>(() => DeepBelief.Pretrain(new TinyBeliefNet(), [new TinyUpperMachine()], data, _ => new Sgd(0.1f), options));
        Assert.Contains("must have 6 visible and 4 hidden units to pretrain layer dense_1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Machines_save_and_load_like_networks()
    {
        using var folder = new TemporaryFolder();
        string path = Path.Combine(folder.Path, "rbm.bfw");
        var machine = new TinyMachine(5);
        WeightsFile.Save(machine, path);
        var loaded = new TinyMachine(6);
        WeightsFile.Load(loaded, path);
        Assert.Equal(machine.Parameters.ToArray(), loaded.Parameters.ToArray());

        var error = Assert.Throws<InvalidDataException>(() => WeightsFile.Load(new TinyGaussianMachine(), path));
        Assert.Contains("BoltzmannMachine(6, 4, Bernoulli)", error.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidDataException>(() => WeightsFile.Load(new TinyBeliefNet(), path));
    }
}
