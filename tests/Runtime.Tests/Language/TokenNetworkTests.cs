using System;
using System.IO;
using System.Linq;
using Butterfly.Runtime.Tests.Networks;

namespace Butterfly.Runtime.Tests.Language;

/// <summary>Token inputs, the embedding's sparse gradient and the hierarchical softmax, through generated networks.</summary>
public sealed class TokenNetworkTests
{
    /// <summary>Counts that give a Huffman tree of depths 1 to 4 over 6 classes.</summary>
    internal static readonly long[] UnevenCounts = [40, 20, 10, 5, 3, 1];

    private static readonly int[] Inputs = [0, 3, 6, 2, 2, 5, 1, 4, 0];
    private static readonly int[] Labels = [0, 5, 3];

    [Fact]
    public void Token_methods_reject_an_id_outside_the_vocabulary_naming_its_position_and_value()
    {
        var network = new TinyLanguageNet();
        var workspace = network.CreateWorkspace(3);
        var output = new float[TinyLanguageNet.OutputLength];
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => network.Predict([1, 7, 0], output));
        Assert.Equal("input", error.ParamName);
        Assert.Contains("input[1] is 7", error.Message);
        int[] bad = [0, 3, 6, 2, 2, 5, 1, -1, 0];
        error = Assert.Throws<ArgumentOutOfRangeException>(() => network.Forward(workspace, bad));
        Assert.Contains("inputs[7] is -1", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => network.TrainStep(workspace, bad, Labels, new Sgd(0.1f)));
        Assert.Throws<ArgumentOutOfRangeException>(() => network.TrainStep(workspace, Inputs, [0, 6, 1], new Sgd(0.1f)));
        Assert.Throws<ArgumentOutOfRangeException>(() => ((INetwork)network).Predict([1f, 2.5f, 0f], output));
    }

    [Fact]
    public void Distribution_sums_to_one_and_matches_the_path_log_probabilities()
    {
        var network = new TinyLanguageNet(ClassTree.Huffman(UnevenCounts), seed: 5);
        Randomize(network, seed: 2);
        var distribution = new float[6];
        network.Predict([1, 2, 3], distribution);
        Assert.Equal(1f, distribution.Sum(), 5);
        for (int c = 0; c < 6; c++)
        {
            Assert.Equal(MathF.Log(distribution[c]), network.LogProbability([1, 2, 3], c), 4);
        }

        var workspace = network.CreateWorkspace(3);
        var batch = network.Forward(workspace, [1, 2, 3, 4, 5, 6, 0, 0, 0]).ToArray();
        Assert.Equal(distribution, batch.AsSpan(0, 6).ToArray(), (a, b) => MathF.Abs(a - b) < 1e-5f);

        Span<int> top = stackalloc int[3];
        network.MostLikely([1, 2, 3], top);
        var expected = Enumerable.Range(0, 6).OrderByDescending(c => distribution[c]).Take(3).ToArray();
        Assert.Equal(expected, top.ToArray());
    }

    [Fact]
    public void Sparse_step_changes_only_the_rows_the_batch_used_and_equals_the_dense_step()
    {
        var sparse = new TinyLanguageNet(ClassTree.Huffman(UnevenCounts), seed: 3);
        var dense = new TinyLanguageNet(ClassTree.Huffman(UnevenCounts), seed: 3);

        // Node weights start at 0, which would pass no gradient down to the embedding on the first step.
        Randomize(sparse, seed: 1);
        Randomize(dense, seed: 1);
        var before = sparse.Parameters.ToArray();
        var sparseStep = new Sgd(0.5f);

        // Clipping at a norm no gradient reaches changes nothing but sends the step down the dense path.
        var denseStep = new Sgd(0.5f) { MaxGradientNorm = 1e30f };
        var workspace = sparse.CreateWorkspace(3);
        int[] inputs = [0, 3, 3, 0, 3, 0, 3, 3, 3];
        int[] labels = [0, 1, 0];
        sparse.TrainStep(workspace, inputs, labels, sparseStep);
        dense.TrainStep(workspace, inputs, labels, denseStep);
        Assert.Equal(dense.Parameters.ToArray(), sparse.Parameters.ToArray());

        var table = sparse.Embedding1Table;
        for (int row = 0; row < 7; row++)
        {
            bool changed = !table.Slice(row * 4, 4).SequenceEqual(before.AsSpan(0, 28).Slice(row * 4, 4));
            Assert.Equal(row is 0 or 3, changed);
        }

        // Labels 0 and 1 share their path's upper nodes; the nodes off both paths keep their weights.
        var tree = sparse.Tree;
        var onPaths = tree.Path(0).Concat(tree.Path(1)).Select(d => d.InnerNode).ToHashSet();
        var weights = sparse.HierarchicalSoftmax1Weights;
        int offset = sparse.ParameterBlocks.ToArray().Single(b => b.Name == "hierarchical_softmax_1.weights").Offset;
        for (int node = 0; node < 5; node++)
        {
            bool changed = !weights.Slice(node * 5, 5).SequenceEqual(before.AsSpan(offset + node * 5, 5));
            Assert.Equal(onPaths.Contains(node), changed);
        }

        // A second step zeroes the first step's rows before adding its own: the two optimizers still agree.
        sparse.TrainStep(workspace, [6, 6, 6, 5, 5, 5, 1, 1, 1], [5, 4, 2], sparseStep);
        dense.TrainStep(workspace, [6, 6, 6, 5, 5, 5, 1, 1, 1], [5, 4, 2], denseStep);
        Assert.Equal(dense.Parameters.ToArray(), sparse.Parameters.ToArray());
    }

    [Fact]
    public void Training_steps_allocate_nothing()
    {
        var network = new TinyLanguageNet(ClassTree.Huffman(UnevenCounts));
        var workspace = network.CreateWorkspace(3);
        var optimizer = new Sgd(0.1f);
        Allocations.AssertNone(() => network.TrainStep(workspace, Inputs, Labels, optimizer), calls: 20);
        var logs = new float[3];
        Allocations.AssertNone(() => network.LogProbabilities(workspace, Inputs, Labels, logs), calls: 20);
    }

    [Fact]
    public void Weights_and_checkpoints_carry_the_tree_and_refuse_another()
    {
        using var folder = new TemporaryFolder();
        var huffman = ClassTree.Huffman(UnevenCounts);
        var trained = new TinyLanguageNet(huffman, seed: 8);
        Randomize(trained, seed: 4);
        string path = folder.File("tiny.bfw");
        WeightsFile.Save(trained, path);

        var same = new TinyLanguageNet(huffman, seed: 1);
        WeightsFile.Load(same, path);
        Assert.Equal(trained.Parameters.ToArray(), same.Parameters.ToArray());
        Assert.True(same.Tree.SameAs(huffman));

        var balanced = new TinyLanguageNet(seed: 1);
        var untouched = balanced.Parameters.ToArray();
        var error = Assert.Throws<InvalidDataException>(() => WeightsFile.Load(balanced, path));
        Assert.Contains("hierarchical_softmax_1.tree", error.Message);
        Assert.Equal(untouched, balanced.Parameters.ToArray());

        var trainer = new Trainer(trained, new Sgd(0.1f), new TrainerOptions { Epochs = 1, BatchSize = 3 });
        var checkpoint = trainer.CreateCheckpoint();
        var other = new Trainer(balanced, new Sgd(0.1f), new TrainerOptions { Epochs = 1, BatchSize = 3 });
        Assert.Throws<InvalidDataException>(() => other.Restore(checkpoint));
        new Trainer(same, new Sgd(0.1f), new TrainerOptions { Epochs = 1, BatchSize = 3 }).Restore(checkpoint);
    }

    [Fact]
    public void Trainer_fits_a_token_network_from_a_dataset_carrying_ids_as_floats()
    {
        // The next id is (a + b) mod 6 of the first two; the third is noise.
        var random = new SeededRandom(9);
        int count = 300;
        var features = new float[count * 3];
        var labels = new int[count];
        for (int i = 0; i < count; i++)
        {
            int a = random.NextInt32(6), b = random.NextInt32(6);
            features[i * 3] = a;
            features[i * 3 + 1] = b;
            features[i * 3 + 2] = random.NextInt32(7);
            labels[i] = (a + b) % 6;
        }

        var data = Dataset.WithLabels(features, 3, labels);
        var network = new TinyLanguageNet(seed: 2);
        var trainer = new Trainer(network, new Sgd(0.5f), new TrainerOptions { Epochs = 30, BatchSize = 10 });
        var history = trainer.Fit(data, data);
        Assert.True(history[^1].Test!.Value.Loss < 0.5f * history[0].Test!.Value.Loss, $"loss {history[0].Test!.Value.Loss} -> {history[^1].Test!.Value.Loss}");
    }

    /// <summary>Random embeddings and weights (the hierarchical softmax starts at 0, where every class is equally likely).</summary>
    internal static void Randomize(INetwork network, int seed)
    {
        var random = new SeededRandom(seed);
        foreach (var block in network.ParameterBlocks)
        {
            if (block.Role is ParameterRole.Weight or ParameterRole.Bias)
            {
                foreach (ref float value in network.Parameters.Slice(block.Offset, block.Length))
                {
                    value = random.NextGaussian() * 0.7f;
                }
            }
        }
    }
}
