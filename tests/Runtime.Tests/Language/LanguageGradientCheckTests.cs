using System;
using System.Linq;
using Butterfly.Runtime.Tests.Networks;

namespace Butterfly.Runtime.Tests.Language;

/// <summary>
/// Finite-difference checks of the embedding and the hierarchical softmax on a Huffman tree of depths 1 to 4: the training
/// step's own loss gradient (the labels' paths) and the general backward rule of the full distribution.
/// </summary>
/// <remarks>Tolerances as in <see cref="GradientCheckTests"/>: central differences in float32, step 1e-3.</remarks>
public sealed class LanguageGradientCheckTests
{
    private const float Step = 1e-3f;
    private static readonly int[] Inputs = [0, 3, 6, 2, 2, 5, 1, 4, 0];
    private static readonly int[] Labels = [0, 5, 3];

    [Fact]
    public void Tree_has_uneven_depths()
    {
        var tree = ClassTree.Huffman(TokenNetworkTests.UnevenCounts);
        Assert.Equal([1, 2, 3, 4, 5, 5], Enumerable.Range(0, 6).Select(tree.Depth).ToArray());
    }

    [Fact]
    public void Training_step_gradient_matches_finite_differences_of_the_negative_log_likelihood()
    {
        var network = new TinyLanguageNet(ClassTree.Huffman(TokenNetworkTests.UnevenCounts), seed: 6);
        TokenNetworkTests.Randomize(network, seed: 12);
        var workspace = network.CreateWorkspace(3);
        network.TrainStep(workspace, Inputs, Labels, new Unchanging());
        var analytic = network.Gradients.ToArray();
        var logs = new float[3];
        float Loss()
        {
            network.LogProbabilities(workspace, Inputs, Labels, logs);
            return -logs.Average();
        }

        AssertMatches(network, analytic, Loss);
    }

    [Fact]
    public void Backward_of_the_distribution_matches_finite_differences()
    {
        var network = new TinyLanguageNet(ClassTree.Huffman(TokenNetworkTests.UnevenCounts), seed: 7);
        TokenNetworkTests.Randomize(network, seed: 13);
        var workspace = network.CreateWorkspace(3);

        // E = Σ r ⊙ p for fixed random r, so dE/dp = r reaches every leaf, not only the labels'.
        var random = new SeededRandom(5);
        var weights = Enumerable.Range(0, 18).Select(_ => random.NextGaussian()).ToArray();
        network.Forward(workspace, Inputs);
        network.Backward(workspace, Inputs, weights);
        var analytic = network.Gradients.ToArray();
        float Energy()
        {
            var p = network.Forward(workspace, Inputs);
            float sum = 0;
            for (int i = 0; i < p.Length; i++)
            {
                sum += weights[i] * p[i];
            }

            return sum;
        }

        AssertMatches(network, analytic, Energy);
    }

    [Fact]
    public void Tree_on_a_float_input_matches_finite_differences()
    {
        var network = new FloatInputTreeNet(ClassTree.Huffman([1, 9, 3, 27, 2]), seed: 2);
        TokenNetworkTests.Randomize(network, seed: 3);
        var workspace = network.CreateWorkspace(2);
        float[] inputs = [0.5f, -1f, 2f, 0.1f, -0.3f, 0.8f, -1.2f, 1f];
        int[] labels = [3, 4];
        network.TrainStep(workspace, inputs, labels, new Unchanging());
        var analytic = network.Gradients.ToArray();
        var logs = new float[2];
        AssertMatches(network, analytic, () =>
        {
            network.LogProbabilities(workspace, inputs, labels, logs);
            return -logs.Average();
        });
    }

    [Fact]
    public void The_check_catches_a_wrong_gradient()
    {
        var network = new TinyLanguageNet(ClassTree.Huffman(TokenNetworkTests.UnevenCounts), seed: 6);
        TokenNetworkTests.Randomize(network, seed: 12);
        var workspace = network.CreateWorkspace(3);
        network.TrainStep(workspace, Inputs, Labels, new Unchanging());
        var analytic = network.Gradients.ToArray();
        analytic[network.ParameterBlocks[^2].Offset + 1] *= 1.5f; // one node bias, half again too large
        var logs = new float[3];
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => AssertMatches(network, analytic, () =>
        {
            network.LogProbabilities(workspace, Inputs, Labels, logs);
            return -logs.Average();
        }));
    }

    private static void AssertMatches(INetwork network, float[] analytic, Func<float> loss)
    {
        var parameters = network.Parameters;
        int checkedCount = 0;
        foreach (var block in network.ParameterBlocks)
        {
            if (block.Role == ParameterRole.Structure)
            {
                Assert.All(analytic.AsSpan(block.Offset, block.Length).ToArray(), g => Assert.Equal(0f, g));
                continue;
            }

            for (int i = block.Offset; i < block.Offset + block.Length; i++)
            {
                float saved = parameters[i];
                parameters[i] = saved + Step;
                float plus = loss();
                parameters[i] = saved - Step;
                float minus = loss();
                parameters[i] = saved;
                float numeric = (plus - minus) / (2 * Step);
                float tolerance = 2e-3f + 0.02f * MathF.Abs(numeric);
                Assert.True(MathF.Abs(analytic[i] - numeric) <= tolerance, $"{block.Name}[{i - block.Offset}]: analytic {analytic[i]}, numeric {numeric}");
                checkedCount++;
            }
        }

        Assert.True(checkedCount >= 20, $"only {checkedCount} parameters checked");
    }

    /// <summary>An optimizer that leaves the parameters alone, so a training step only computes gradients.</summary>
    private sealed class Unchanging() : Optimizer(1f)
    {
        public override string Name => "none";

        public override string Description => "none";

        protected override void Update(Span<float> parameters, ReadOnlySpan<float> gradients, ReadOnlySpan<ParameterBlock> blocks)
        {
        }
    }
}
