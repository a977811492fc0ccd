using System;
using System.Linq;

namespace Butterfly.Runtime.Tests.Boltzmann;

/// <summary>
/// A generated machine of 6 visible and 4 hidden units against <see cref="EnumeratedMachine"/>, which sums over every
/// joint state: the conditionals, the free energy and the pseudo-log-likelihood exactly; the CD-k gradient and the
/// sampler statistically, with fixed seeds (so each test has one fixed outcome, chosen far from its threshold).
/// </summary>
public sealed class BoltzmannMachineTests
{
    /// <summary>A machine with weights of order 1, so that its distribution is far from uniform and CD-1 is biased.</summary>
    private static TinyMachine RandomMachine(int seed, float weightDeviation = 1f)
    {
        var machine = new TinyMachine(seed);
        var random = new SeededRandom(seed + 100);
        Initializers.Normal(machine.Weights, weightDeviation, random);
        Initializers.Normal(machine.VisibleBias, 0.5f, random);
        Initializers.Normal(machine.HiddenBias, 0.5f, random);
        return machine;
    }

    private static EnumeratedMachine Exact(TinyMachine machine) => new(machine.Parameters, TinyMachine.VisibleCount, TinyMachine.HiddenCount);

    private static float[] AllVisibleStates(EnumeratedMachine exact) =>
        Enumerable.Range(0, exact.VisibleStates).SelectMany(exact.VisibleVector).ToArray();

    [Fact]
    public void Free_energy_matches_the_sum_over_hidden_states()
    {
        var machine = RandomMachine(1);
        var exact = Exact(machine);
        var visible = AllVisibleStates(exact);
        var energies = new float[exact.VisibleStates];
        machine.FreeEnergy(machine.CreateWorkspace(exact.VisibleStates), visible, energies);
        for (int v = 0; v < exact.VisibleStates; v++)
        {
            Assert.Equal(exact.FreeEnergy(v), energies[v], 1e-4);
        }
    }

    [Fact]
    public void Probabilities_from_free_energies_match_the_enumeration()
    {
        var machine = RandomMachine(2);
        var exact = Exact(machine);
        var energies = new float[exact.VisibleStates];
        machine.FreeEnergy(machine.CreateWorkspace(exact.VisibleStates), AllVisibleStates(exact), energies);

        // p(v) = e^-F(v) / Σ_u e^-F(u): the free energy determines the marginal up to the partition function.
        double logZ = Math.Log(energies.Sum(f => Math.Exp(-(double)f)));
        Assert.Equal(exact.LogPartition, logZ, 1e-4);
        for (int v = 0; v < exact.VisibleStates; v++)
        {
            Assert.Equal(exact.Probability(v), Math.Exp(-energies[v] - logZ), 1e-5);
        }
    }

    [Fact]
    public void Conditionals_match_the_enumeration()
    {
        var machine = RandomMachine(3);
        var exact = Exact(machine);
        var hidden = new float[exact.VisibleStates * exact.Hidden];
        machine.HiddenProbabilities(AllVisibleStates(exact), hidden);
        for (int v = 0; v < exact.VisibleStates; v++)
        {
            for (int j = 0; j < exact.Hidden; j++)
            {
                Assert.Equal(exact.HiddenProbability(v, j), hidden[v * exact.Hidden + j], 1e-6);
            }
        }

        var hiddenStates = new float[exact.HiddenStates * exact.Hidden];
        for (int h = 0; h < exact.HiddenStates; h++)
        {
            for (int j = 0; j < exact.Hidden; j++)
            {
                hiddenStates[h * exact.Hidden + j] = (float)EnumeratedMachine.Bit(h, j);
            }
        }

        var visible = new float[exact.HiddenStates * exact.Visible];
        machine.VisibleProbabilities(hiddenStates, visible);
        for (int h = 0; h < exact.HiddenStates; h++)
        {
            for (int i = 0; i < exact.Visible; i++)
            {
                Assert.Equal(exact.VisibleProbability(h, i), visible[h * exact.Visible + i], 1e-6);
            }
        }
    }

    [Fact]
    public void Pseudo_log_likelihood_estimate_averages_to_the_exact_value()
    {
        var machine = RandomMachine(4);
        var exact = Exact(machine);
        const int State = 0b101101, Copies = 3000;
        var batch = Enumerable.Repeat(exact.VisibleVector(State), Copies).SelectMany(x => x).ToArray();
        var workspace = machine.CreateWorkspace(Copies);
        double mean = 0;
        for (int draw = 0; draw < 4; draw++)
        {
            mean += machine.PseudoLogLikelihood(workspace, batch) / 4.0;
        }

        // Each draw is V log p(v_i | v_-i) for a uniform i; the mean of 12,000 of them is within a few hundredths.
        double expected = exact.PseudoLogLikelihood(State);
        Assert.InRange(mean, expected - 0.05 * Math.Abs(expected) - 0.02, expected + 0.05 * Math.Abs(expected) + 0.02);
    }

    [Fact]
    public void Contrastive_divergence_with_many_steps_approaches_the_exact_gradient_and_one_step_does_not()
    {
        var machine = RandomMachine(5, weightDeviation: 2f);
        var exact = Exact(machine);
        int[] data = [0b000111, 0b111000, 0b101010, 0b010101];
        var expected = exact.NegativeLogLikelihoodGradient(data);

        // Every data vector 1,000 times, so the chains' end states sample the model's expectation 4,000 times per call.
        const int Copies = 1000;
        var batch = data.SelectMany(v => Enumerable.Repeat(exact.VisibleVector(v), Copies).SelectMany(x => x)).ToArray();
        var workspace = machine.CreateWorkspace(batch.Length / exact.Visible);

        double ErrorOf(int steps)
        {
            var mean = new double[expected.Length];
            const int Calls = 5;
            for (int call = 0; call < Calls; call++)
            {
                machine.ContrastiveDivergence(workspace, batch, steps);
                for (int k = 0; k < mean.Length; k++)
                {
                    mean[k] += machine.Gradients[k] / (double)Calls;
                }
            }

            return mean.Zip(expected, (a, b) => Math.Abs(a - b)).Max();
        }

        double many = ErrorOf(100), one = ErrorOf(1);

        // 20,000 chain ends per entry: a standard error under 0.0035, so 0.02 is over five of them (CD-100 measured 0.003,
        // CD-1 0.069 with this seed).
        Assert.True(many < 0.02, $"CD-100's largest deviation from the exact gradient is {many}.");
        Assert.True(one > 4 * many, $"CD-1 ({one}) should be visibly biased next to CD-100 ({many}) for weights of this size.");
    }

    [Fact]
    public void Gibbs_samples_follow_the_exact_marginal()
    {
        var machine = RandomMachine(6);
        var exact = Exact(machine);
        const int Chains = 8192;
        var visible = new float[Chains * exact.Visible];
        var workspace = machine.CreateWorkspace(Chains);
        workspace.NoiseSeed = 11;
        machine.Gibbs(workspace, visible, 60);
        var counts = new int[exact.VisibleStates];
        for (int r = 0; r < Chains; r++)
        {
            int state = 0;
            for (int i = 0; i < exact.Visible; i++)
            {
                state |= visible[r * exact.Visible + i] == 1f ? 1 << i : 0;
            }

            counts[state]++;
        }

        // Pearson's chi-square over 64 states (63 degrees of freedom): 103.4 is its 0.999 quantile.
        double Statistic(Func<int, double> p) => Enumerable.Range(0, exact.VisibleStates).Sum(v => Math.Pow(counts[v] - Chains * p(v), 2) / (Chains * p(v)));
        double statistic = Statistic(exact.Probability);
        Assert.True(statistic < 103.4, $"chi-square {statistic} over 63 degrees of freedom");

        // The same counts against another machine's marginal must fail, or the test could not tell a wrong sampler.
        var other = new EnumeratedMachine(RandomMachine(7).Parameters, exact.Visible, exact.Hidden);
        Assert.True(Statistic(other.Probability) > 1000);
    }

    [Fact]
    public void Persistent_chains_continue_where_the_last_step_left_them()
    {
        var machine = RandomMachine(8);
        var exact = Exact(machine);
        const int Batch = 50;
        var first = Enumerable.Repeat(exact.VisibleVector(0b110011), Batch).SelectMany(x => x).ToArray();
        var second = Enumerable.Repeat(exact.VisibleVector(0b001100), Batch).SelectMany(x => x).ToArray();
        var workspace = machine.CreateWorkspace(Batch);
        workspace.NoiseSeed = 3;
        Assert.Equal(0, workspace.ChainCount);

        machine.PersistentContrastiveDivergence(workspace, first, 2);
        Assert.Equal(Batch, workspace.ChainCount);
        var afterFirst = workspace.PersistentChains.ToArray();
        Assert.NotEqual(first, afterFirst);
        long noiseStep = workspace.NoiseStep;

        machine.PersistentContrastiveDivergence(workspace, second, 2);
        var afterSecond = workspace.PersistentChains.ToArray();

        // CD from the chains' states, with the same noise, runs the very same chain: PCD's second step started there,
        // not at its batch.
        var replay = machine.CreateWorkspace(Batch);
        replay.NoiseSeed = 3;
        replay.NoiseStep = noiseStep;
        machine.ContrastiveDivergence(replay, afterFirst, 2);
        Assert.Equal(afterSecond, replay.VisibleSamples.AsSpan(0, afterSecond.Length).ToArray());

        // After a reset the chains start again at the batch.
        workspace.ResetChains();
        machine.PersistentContrastiveDivergence(workspace, second, 1);
        Assert.Equal(Batch, workspace.ChainCount);
        Assert.Throws<ArgumentException>(() => machine.PersistentContrastiveDivergence(workspace, second.AsSpan(0, 10 * exact.Visible), 1));
    }

    [Fact]
    public void Training_raises_the_exact_log_likelihood()
    {
        var machine = new TinyMachine(9);
        var exact = Exact(machine);
        int[] patterns = [0b000111, 0b111000, 0b110011];
        var data = Enumerable.Range(0, 600).SelectMany(i => exact.VisibleVector(patterns[i % 3])).ToArray();
        double before = exact.LogLikelihood(patterns);
        foreach (bool persistent in new[] { false, true })
        {
            var trained = new TinyMachine(9);
            var trainer = new BoltzmannTrainer(trained, new Sgd(0.1f, momentum: 0.5f), new BoltzmannTrainerOptions { Epochs = 60, BatchSize = 60, Persistent = persistent, MonitorSamples = 0 });
            trainer.Fit(data);
            double after = Exact(trained).LogLikelihood(patterns);

            // Three equally likely patterns: the best any model can do is log(1/3) = -1.10; uniform is -4.16.
            Assert.True(after > -1.6 && after > before + 2, $"log-likelihood {before} before training, {after} after (persistent: {persistent})");
        }
    }

    [Fact]
    public void Same_seed_gives_the_same_bits_at_any_thread_count()
    {
        float[] Train(int threads)
        {
            int saved = Parallelism.ThreadCount;
            Parallelism.ThreadCount = threads;
            try
            {
                var machine = new MidMachine(5);
                var random = new SeededRandom(3);
                var data = new float[400 * MidMachine.VisibleCount];
                for (int i = 0; i < data.Length; i++)
                {
                    data[i] = random.NextSingle() < 0.3f ? 1f : 0f;
                }

                new BoltzmannTrainer(machine, new Sgd(0.05f, momentum: 0.9f), new BoltzmannTrainerOptions { Epochs = 2, BatchSize = 50, GibbsSteps = 2, MonitorSamples = 100 }).Fit(data);
                return machine.Parameters.ToArray();
            }
            finally
            {
                Parallelism.ThreadCount = saved;
            }
        }

        var one = Train(1);
        Assert.Equal(one, Train(1));
        Assert.Equal(one, Train(2));
    }

    [Fact]
    public void Gaussian_visible_units_free_energy_and_samples()
    {
        var machine = new TinyGaussianMachine(1);
        var random = new SeededRandom(12);
        Initializers.Normal(machine.Weights, 0.5f, random);
        Initializers.Normal(machine.VisibleBias, 1f, random);
        Initializers.Normal(machine.HiddenBias, 0.5f, random);
        float[] v = [0.3f, -1.2f, 2f, 0f, 0.7f, -0.4f];

        // F(v) = -log Σ_h e^-E(v, h), E = ½‖v - b‖² - cᵀh - hᵀWv, by the sum over 16 hidden states.
        var p = machine.Parameters.ToArray();
        double sum = 0;
        for (int h = 0; h < 16; h++)
        {
            double energy = 0;
            for (int i = 0; i < 6; i++)
            {
                energy += 0.5 * Math.Pow(v[i] - p[24 + i], 2);
            }

            for (int j = 0; j < 4; j++)
            {
                if (((h >> j) & 1) == 1)
                {
                    energy -= p[30 + j];
                    for (int i = 0; i < 6; i++)
                    {
                        energy -= p[j * 6 + i] * v[i];
                    }
                }
            }

            sum += Math.Exp(-energy);
        }

        var energies = new float[1];
        var workspace = machine.CreateWorkspace(4000);
        machine.FreeEnergy(workspace, v, energies);
        Assert.Equal(-Math.Log(sum), energies[0], 1e-4);

        // v | h ~ N(b + Wᵀh, 1): 4,000 draws given one h have that mean and unit variance.
        float[] hidden = [1f, 0f, 1f, 1f];
        var hiddenBatch = Enumerable.Repeat(hidden, 4000).SelectMany(x => x).ToArray();
        var means = new float[6];
        machine.VisibleProbabilities(hidden, means);
        var samples = new float[4000 * 6];
        machine.SampleVisible(workspace, hiddenBatch, samples);
        for (int i = 0; i < 6; i++)
        {
            var unit = Enumerable.Range(0, 4000).Select(r => (double)samples[r * 6 + i]).ToArray();
            double mean = unit.Average(), variance = unit.Sum(x => (x - mean) * (x - mean)) / (unit.Length - 1);
            Assert.Equal(means[i], mean, 0.07);
            Assert.InRange(variance, 0.9, 1.1);
        }

        Assert.Throws<NotSupportedException>(() => machine.PseudoLogLikelihood(workspace, v));
    }

    [Fact]
    public void Training_steps_allocate_nothing()
    {
        var machine = new MidMachine(1);
        var random = new SeededRandom(2);
        var batch = new float[100 * MidMachine.VisibleCount];
        for (int i = 0; i < batch.Length; i++)
        {
            batch[i] = random.NextSingle() < 0.2f ? 1f : 0f;
        }

        var workspace = machine.CreateWorkspace(100);
        var optimizer = new Sgd(0.01f, momentum: 0.9f) { Regularization = Regularization.WeightDecay(1e-4f) };
        var energies = new float[100];
        Allocations.AssertNone(() => machine.TrainStep(workspace, batch, optimizer), calls: 5);
        Allocations.AssertNone(() => machine.TrainStep(workspace, batch, optimizer, steps: 3, persistent: true), calls: 5);
        Allocations.AssertNone(() => machine.FreeEnergy(workspace, batch, energies), calls: 5);
        Allocations.AssertNone(() => machine.PseudoLogLikelihood(workspace, batch), calls: 5);
        Allocations.AssertNone(() => machine.Gibbs(workspace, batch, 2), calls: 5);
    }

    [Fact]
    public void Arguments_are_checked_with_messages_that_name_them()
    {
        var machine = new TinyMachine();
        var workspace = machine.CreateWorkspace(4);
        var error = Assert.Throws<ArgumentException>(() => machine.ContrastiveDivergence(workspace, new float[7], 1));
        Assert.Equal("visible", error.ParamName);
        error = Assert.Throws<ArgumentException>(() => machine.TrainStep(workspace, new float[30], new Sgd(0.1f)));
        Assert.Contains("at most 4", error.Message, StringComparison.Ordinal);
        error = Assert.Throws<ArgumentException>(() => new TinyGaussianMachine().Gibbs(workspace, new float[6], 1));
        Assert.Equal("workspace", error.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => machine.Gibbs(workspace, new float[6], 0));
        error = Assert.Throws<ArgumentException>(() => machine.HiddenProbabilities(new float[12], new float[4]));
        Assert.Equal("hidden", error.ParamName);
    }
}
