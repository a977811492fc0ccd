using System;
using System.ComponentModel;
using System.Numerics.Tensors;

namespace Butterfly.Kernels;

/// <summary>
/// The batched operations of a restricted Boltzmann machine, for generated <c>[BoltzmannMachine]</c> classes: the two
/// conditionals as matrix products (<c>P_h = σ(V Wᵀ + 1cᵀ)</c>, <c>P_v = σ(H W + 1bᵀ)</c>), block Gibbs sampling with
/// counter-based noise, the free energy, and the contrastive-divergence gradient. The parameter buffer is laid out as
/// <see cref="BoltzmannShape"/> says; every buffer beyond the caller's lives in a <see cref="BoltzmannWorkspace"/>, so
/// nothing allocates after set-up.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Boltzmann
{
    /// <summary>Allocates a workspace for <paramref name="shape"/>; generated machines call it from <c>CreateWorkspace</c>.</summary>
    public static BoltzmannWorkspace CreateWorkspace(BoltzmannShape shape, string signature, int maxBatch)
    {
        ArgumentNullException.ThrowIfNull(signature);
        return new(signature, shape, maxBatch);
    }

    /// <summary><c>P_h = σ(V Wᵀ + 1cᵀ)</c> for the rows of <paramref name="visible"/>.</summary>
    public static void HiddenProbabilities(BoltzmannShape shape, ReadOnlySpan<float> parameters, ReadOnlySpan<float> visible, Span<float> hidden)
    {
        int batch = Rows(visible, shape.Visible, nameof(visible));
        Arguments.HasLength(hidden, batch * shape.Hidden, nameof(hidden));
        Hidden(shape, parameters, visible, hidden, batch);
    }

    /// <summary><c>P_v = σ(H W + 1bᵀ)</c> (Gaussian units: <c>H W + 1bᵀ</c>, the means) for the rows of <paramref name="hidden"/>.</summary>
    public static void VisibleProbabilities(BoltzmannShape shape, ReadOnlySpan<float> parameters, ReadOnlySpan<float> hidden, Span<float> visible)
    {
        int batch = Rows(hidden, shape.Hidden, nameof(hidden));
        Arguments.HasLength(visible, batch * shape.Visible, nameof(visible));
        VisibleMeans(shape, parameters, hidden, visible, batch);
    }

    /// <summary>Draws <c>h ~ p(h | v)</c> for the rows of <paramref name="visible"/>; takes one step of the workspace's noise.</summary>
    public static void SampleHidden(BoltzmannShape shape, string signature, ReadOnlySpan<float> parameters, BoltzmannWorkspace workspace, ReadOnlySpan<float> visible, Span<float> hidden)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        int batch = workspace.CheckBatch(signature, visible, shape.Visible, nameof(visible));
        Arguments.HasLength(hidden, batch * shape.Hidden, nameof(hidden));
        Hidden(shape, parameters, visible, hidden, batch);
        SampleBernoulli(hidden, hidden, Key(workspace, workspace.NoiseStep++, 0));
    }

    /// <summary>Draws <c>v ~ p(v | h)</c> for the rows of <paramref name="hidden"/>; takes one step of the workspace's noise.</summary>
    public static void SampleVisible(BoltzmannShape shape, string signature, ReadOnlySpan<float> parameters, BoltzmannWorkspace workspace, ReadOnlySpan<float> hidden, Span<float> visible)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        int batch = workspace.CheckBatch(signature, hidden, shape.Hidden, nameof(hidden));
        Arguments.HasLength(visible, batch * shape.Visible, nameof(visible));
        VisibleMeans(shape, parameters, hidden, visible, batch);
        SampleVisibleUnits(shape, visible, visible, Key(workspace, workspace.NoiseStep++, 0));
    }

    /// <summary>
    /// <paramref name="steps"/> steps of block Gibbs sampling from the rows of <paramref name="visible"/>, which end
    /// holding the last visible samples; takes one step of the workspace's noise.
    /// </summary>
    /// <returns>The last step's visible probabilities (or means), in the workspace.</returns>
    public static ReadOnlySpan<float> Gibbs(BoltzmannShape shape, string signature, ReadOnlySpan<float> parameters, BoltzmannWorkspace workspace, Span<float> visible, int steps)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        int batch = workspace.CheckBatch(signature, visible, shape.Visible, nameof(visible));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(steps);
        var hidden = workspace.HiddenSamples.AsSpan(0, batch * shape.Hidden);
        var means = workspace.VisibleProbabilities.AsSpan(0, batch * shape.Visible);
        long step = workspace.NoiseStep++;
        for (int s = 0; s < steps; s++)
        {
            Hidden(shape, parameters, visible, hidden, batch);
            SampleBernoulli(hidden, hidden, Key(workspace, step, 2 * s));
            VisibleMeans(shape, parameters, hidden, means, batch);
            SampleVisibleUnits(shape, means, visible, Key(workspace, step, 2 * s + 1));
        }

        return means;
    }

    /// <summary><c>F(v) = -bᵀv - Σ_j softplus(c_j + W_j · v)</c> (Gaussian: <c>½‖v - b‖² - Σ_j softplus(...)</c>) per row.</summary>
    public static void FreeEnergy(BoltzmannShape shape, string signature, ReadOnlySpan<float> parameters, BoltzmannWorkspace workspace, ReadOnlySpan<float> visible, Span<float> energies)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        int batch = workspace.CheckBatch(signature, visible, shape.Visible, nameof(visible));
        Arguments.HasLength(energies, batch, nameof(energies));
        FreeEnergies(shape, parameters, workspace, visible, energies, batch);
    }

    /// <summary>
    /// Fills <paramref name="gradients"/> with the CD-k (or PCD-k) estimate of the gradient of the batch's mean negative
    /// log-likelihood, <c>∂(-log p(v))/∂θ = ⟨∂F/∂θ⟩_data - ⟨∂F/∂θ⟩_model</c>, the model's expectation taken at the end of
    /// <paramref name="steps"/> Gibbs steps:
    /// <c>dW = (P_kᵀ V_k - P_0ᵀ V_0) / B</c>, <c>db = mean(V_k - V_0)</c>, <c>dc = mean(P_k - P_0)</c>, with
    /// <c>P = p(h = 1 | v)</c>. Takes one step of the workspace's noise.
    /// </summary>
    /// <returns>The batch's mean reconstruction error, <c>‖v - p(v | h)‖²</c> with <c>h ~ p(h | v)</c>.</returns>
    public static float ContrastiveDivergence(
        BoltzmannShape shape,
        string signature,
        ReadOnlySpan<float> parameters,
        Span<float> gradients,
        BoltzmannWorkspace workspace,
        ReadOnlySpan<float> visible,
        int steps,
        bool persistent)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        int batch = workspace.CheckBatch(signature, visible, shape.Visible, nameof(visible));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(steps);
        Arguments.HasLength(gradients, shape.ParameterCount, nameof(gradients));
        if (persistent && workspace.ChainCount != 0 && workspace.ChainCount != batch)
        {
            throw new ArgumentException(
                $"visible holds {batch} samples, but the workspace keeps {workspace.ChainCount} persistent chains: give every PCD step the same batch size, or call ResetChains.",
                nameof(visible));
        }

        int v = shape.Visible, h = shape.Hidden;
        var positive = workspace.PositiveHidden.AsSpan(0, batch * h);
        var hiddenSamples = workspace.HiddenSamples.AsSpan(0, batch * h);
        var negative = workspace.NegativeHidden.AsSpan(0, batch * h);
        var means = workspace.VisibleProbabilities.AsSpan(0, batch * v);
        var chain = workspace.VisibleSamples.AsSpan(0, batch * v);
        long step = workspace.NoiseStep++;
        int pass = 0;

        // Positive phase: P_0 = p(h | v_0) at the data.
        Hidden(shape, parameters, visible, positive, batch);

        // The negative chain starts at the data (CD) or where the persistent chains stopped (PCD).
        float reconstruction = float.NaN;
        if (persistent)
        {
            var chains = workspace.Chains.AsSpan(0, batch * v);
            if (workspace.ChainCount == 0)
            {
                visible.CopyTo(chains);
                workspace.ChainCount = batch;
            }

            Hidden(shape, parameters, chains, negative, batch);
            SampleBernoulli(negative, hiddenSamples, Key(workspace, step, pass++));
        }
        else
        {
            SampleBernoulli(positive, hiddenSamples, Key(workspace, step, pass++));
        }

        for (int s = 1; s <= steps; s++)
        {
            VisibleMeans(shape, parameters, hiddenSamples, means, batch);
            if (s == 1 && !persistent)
            {
                reconstruction = SquaredDistance(visible, means) / batch;
            }

            SampleVisibleUnits(shape, means, chain, Key(workspace, step, pass++));
            Hidden(shape, parameters, chain, negative, batch);
            if (s < steps)
            {
                SampleBernoulli(negative, hiddenSamples, Key(workspace, step, pass++));
            }
        }

        if (persistent)
        {
            chain.CopyTo(workspace.Chains);

            // The chains are not reconstructions of the data, so reconstruct the data in one extra half step.
            SampleBernoulli(positive, hiddenSamples, Key(workspace, step, pass++));
            VisibleMeans(shape, parameters, hiddenSamples, means, batch);
            reconstruction = SquaredDistance(visible, means) / batch;
        }

        // Scaled by ±1/B first, so both products accumulate into dW without a scaling pass over the weights.
        float scale = 1f / batch;
        TensorPrimitives.Multiply(negative, scale, negative);
        TensorPrimitives.Multiply(positive, -scale, hiddenSamples);
        var weightGradient = gradients.Slice(0, shape.WeightCount);
        Gemm.AtB(negative, chain, weightGradient, h, v, batch);
        Gemm.AtB(hiddenSamples, visible, weightGradient, h, v, batch, accumulate: true);

        var sums = workspace.ColumnSums.AsSpan();
        var visibleGradient = gradients.Slice(shape.VisibleBiasOffset, v);
        Bias.SumRows(chain, visibleGradient, batch, v);
        Bias.SumRows(visible, sums, batch, v);
        TensorPrimitives.Subtract(visibleGradient, sums.Slice(0, v), visibleGradient);
        TensorPrimitives.Multiply(visibleGradient, scale, visibleGradient);

        var hiddenGradient = gradients.Slice(shape.HiddenBiasOffset, h);
        Bias.SumRows(negative, hiddenGradient, batch, h);
        Bias.SumRows(hiddenSamples, sums, batch, h);
        TensorPrimitives.Add(hiddenGradient, sums.Slice(0, h), hiddenGradient);
        return reconstruction;
    }

    /// <summary>One training step: <see cref="ContrastiveDivergence"/>, then <paramref name="optimizer"/>'s update.</summary>
    /// <returns>
    /// The batch's mean reconstruction error before the update; NaN or infinity when the error or the gradient is not
    /// finite, and then no parameter changes.
    /// </returns>
    public static float TrainStep(
        BoltzmannShape shape,
        string signature,
        Span<float> parameters,
        Span<float> gradients,
        ReadOnlySpan<ParameterBlock> blocks,
        BoltzmannWorkspace workspace,
        ReadOnlySpan<float> visible,
        Optimizer optimizer,
        int steps,
        bool persistent)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        float reconstruction = ContrastiveDivergence(shape, signature, parameters, gradients, workspace, visible, steps, persistent);
        if (!float.IsFinite(reconstruction))
        {
            return reconstruction;
        }

        if (!float.IsFinite(TensorPrimitives.Sum(gradients)))
        {
            return float.NaN;
        }

        optimizer.Step(parameters, gradients, blocks);
        return reconstruction;
    }

    /// <summary>The batch's mean <c>‖v - p(v | h)‖²</c> with <c>h ~ p(h | v)</c>; takes one step of the workspace's noise.</summary>
    public static float ReconstructionError(BoltzmannShape shape, string signature, ReadOnlySpan<float> parameters, BoltzmannWorkspace workspace, ReadOnlySpan<float> visible)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        int batch = workspace.CheckBatch(signature, visible, shape.Visible, nameof(visible));
        var hidden = workspace.HiddenSamples.AsSpan(0, batch * shape.Hidden);
        var means = workspace.VisibleProbabilities.AsSpan(0, batch * shape.Visible);
        Hidden(shape, parameters, visible, hidden, batch);
        SampleBernoulli(hidden, hidden, Key(workspace, workspace.NoiseStep++, 0));
        VisibleMeans(shape, parameters, hidden, means, batch);
        return SquaredDistance(visible, means) / batch;
    }

    /// <summary>
    /// The batch's mean of <c>V log σ(F(ṽ) - F(v))</c>, <c>ṽ</c> being the sample with one uniformly drawn unit flipped to
    /// <c>1 - v_i</c>; takes one step of the workspace's noise.
    /// </summary>
    public static float PseudoLogLikelihood(BoltzmannShape shape, string signature, ReadOnlySpan<float> parameters, BoltzmannWorkspace workspace, ReadOnlySpan<float> visible)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        if (shape.Units != VisibleUnits.Bernoulli)
        {
            throw new NotSupportedException("The pseudo-log-likelihood flips binary units; it is not defined for a machine with Gaussian visible units. Monitor ReconstructionError instead.");
        }

        int batch = workspace.CheckBatch(signature, visible, shape.Visible, nameof(visible));
        int v = shape.Visible;
        var flipped = workspace.VisibleSamples.AsSpan(0, batch * v);
        visible.CopyTo(flipped);
        ulong key = Key(workspace, workspace.NoiseStep++, 0);
        for (int r = 0; r < batch; r++)
        {
            // Lemire's multiply-shift maps 32 uniform bits onto [0, V).
            int i = r * v + (int)(((ulong)CounterNoise.Bits(key, r) * (uint)v) >> 32);
            flipped[i] = 1f - flipped[i];
        }

        var energies = workspace.Energies.AsSpan(0, batch);
        var flippedEnergies = workspace.Energies.AsSpan(batch, batch);
        FreeEnergies(shape, parameters, workspace, visible, energies, batch);
        FreeEnergies(shape, parameters, workspace, flipped, flippedEnergies, batch);
        double sum = 0;
        for (int r = 0; r < batch; r++)
        {
            // log σ(x) = -softplus(-x)
            sum -= Softplus(energies[r] - flippedEnergies[r]);
        }

        return (float)(v * sum / batch);
    }

    private static void Hidden(BoltzmannShape shape, ReadOnlySpan<float> parameters, ReadOnlySpan<float> visible, Span<float> hidden, int batch)
    {
        hidden = hidden.Slice(0, batch * shape.Hidden);
        Gemm.ABtAddBias(visible, parameters.Slice(0, shape.WeightCount), parameters.Slice(shape.HiddenBiasOffset, shape.Hidden), hidden, batch, shape.Hidden, shape.Visible);
        TensorPrimitives.Sigmoid(hidden, hidden);
    }

    private static void VisibleMeans(BoltzmannShape shape, ReadOnlySpan<float> parameters, ReadOnlySpan<float> hidden, Span<float> visible, int batch)
    {
        visible = visible.Slice(0, batch * shape.Visible);
        Gemm.AB(hidden, parameters.Slice(0, shape.WeightCount), visible, batch, shape.Visible, shape.Hidden);
        Bias.AddToRows(visible, parameters.Slice(shape.VisibleBiasOffset, shape.Visible), batch, shape.Visible);
        if (shape.Units == VisibleUnits.Bernoulli)
        {
            TensorPrimitives.Sigmoid(visible, visible);
        }
    }

    private static void SampleVisibleUnits(BoltzmannShape shape, ReadOnlySpan<float> means, Span<float> samples, ulong key)
    {
        if (shape.Units == VisibleUnits.Bernoulli)
        {
            SampleBernoulli(means, samples, key);
        }
        else
        {
            SampleGaussian(means, samples, key);
        }
    }

    /// <summary><c>s_i = 1</c> when the element's uniform draw <c>u_i</c> is below <c>p_i</c>, else 0: <c>P(s_i = 1) = p_i</c>.</summary>
    internal static void SampleBernoulli(ReadOnlySpan<float> probabilities, Span<float> samples, ulong key)
    {
        samples = samples.Slice(0, probabilities.Length);
        for (int i = 0; i < probabilities.Length; i++)
        {
            samples[i] = CounterNoise.Uniform(key, i) < probabilities[i] ? 1f : 0f;
        }
    }

    /// <summary><c>s_i = μ_i + z_i</c>, <c>z_i ~ N(0, 1)</c> by the Box-Muller transform of the element's two uniform draws.</summary>
    internal static void SampleGaussian(ReadOnlySpan<float> means, Span<float> samples, ulong key)
    {
        samples = samples.Slice(0, means.Length);
        for (int i = 0; i < means.Length; i++)
        {
            // 1 - u keeps the argument of the log in (0, 1].
            float u1 = 1f - CounterNoise.Uniform(key, 2 * i);
            float u2 = CounterNoise.Uniform(key, 2 * i + 1);
            samples[i] = means[i] + MathF.Sqrt(-2f * MathF.Log(u1)) * MathF.Cos(2f * MathF.PI * u2);
        }
    }

    private static void FreeEnergies(BoltzmannShape shape, ReadOnlySpan<float> parameters, BoltzmannWorkspace workspace, ReadOnlySpan<float> visible, Span<float> energies, int batch)
    {
        int v = shape.Visible, h = shape.Hidden;
        var activations = workspace.NegativeHidden.AsSpan(0, batch * h);
        Gemm.ABtAddBias(visible, parameters.Slice(0, shape.WeightCount), parameters.Slice(shape.HiddenBiasOffset, h), activations, batch, h, v);
        var visibleBias = parameters.Slice(shape.VisibleBiasOffset, v);
        for (int r = 0; r < batch; r++)
        {
            var row = visible.Slice(r * v, v);
            var x = activations.Slice(r * h, h);
            double energy = 0;
            for (int j = 0; j < h; j++)
            {
                energy -= Softplus(x[j]);
            }

            if (shape.Units == VisibleUnits.Bernoulli)
            {
                energy -= TensorPrimitives.Dot(visibleBias, row);
            }
            else
            {
                double square = 0;
                for (int i = 0; i < v; i++)
                {
                    double d = row[i] - visibleBias[i];
                    square += d * d;
                }

                energy += 0.5 * square;
            }

            energies[r] = (float)energy;
        }
    }

    /// <summary><c>log(1 + e^x) = max(x, 0) + log(1 + e^-|x|)</c>, which neither overflows nor loses small values.</summary>
    private static double Softplus(double x) => Math.Max(x, 0) + Math.Log(1 + Math.Exp(-Math.Abs(x)));

    private static float SquaredDistance(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        float distance = TensorPrimitives.Distance(a, b.Slice(0, a.Length));
        return distance * distance;
    }

    private static ulong Key(BoltzmannWorkspace workspace, long step, int pass) => CounterNoise.Key(workspace.NoiseSeed, step, pass);

    private static int Rows(ReadOnlySpan<float> data, int sampleLength, string name)
    {
        if (data.Length == 0 || data.Length % sampleLength != 0)
        {
            throw new ArgumentException($"{name} must hold a whole number of samples of {sampleLength} floats (got {data.Length}).", name);
        }

        return data.Length / sampleLength;
    }
}
