using System;
using Butterfly.Kernels;

namespace Butterfly;

/// <summary>
/// Caller-owned scratch for a Boltzmann machine's batched operations: the hidden and visible probabilities and
/// samples of a Gibbs chain for up to <see cref="MaxBatch"/> samples, the persistent chains of PCD, and the noise
/// counter. Create it once with <see cref="IBoltzmannMachine.CreateWorkspace"/> and reuse it; one workspace serves one
/// thread at a time.
/// </summary>
public sealed class BoltzmannWorkspace
{
    internal BoltzmannWorkspace(string layout, BoltzmannShape shape, int maxBatch)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBatch);
        long widest = Math.Max(shape.Visible, shape.Hidden);
        if (maxBatch * widest > Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(maxBatch), maxBatch, $"maxBatch must be at most {Array.MaxLength / widest} for this machine.");
        }

        Layout = layout;
        MaxBatch = maxBatch;
        Visible = shape.Visible;
        PositiveHidden = new float[maxBatch * shape.Hidden];
        HiddenSamples = new float[maxBatch * shape.Hidden];
        NegativeHidden = new float[maxBatch * shape.Hidden];
        VisibleProbabilities = new float[maxBatch * shape.Visible];
        VisibleSamples = new float[maxBatch * shape.Visible];
        Chains = new float[maxBatch * shape.Visible];
        Energies = new float[2 * maxBatch];
        ColumnSums = new float[widest];
    }

    /// <summary>The signature of the machine this workspace was created for.</summary>
    public string Layout { get; }

    /// <summary>The largest batch this workspace holds.</summary>
    public int MaxBatch { get; }

    /// <summary>
    /// Seeds every random draw made with this workspace, together with <see cref="NoiseStep"/>: a draw is a pure
    /// function of (seed, step, pass, element), so the same seed, calls and inputs give the same bits at any thread
    /// count. Default 0.
    /// </summary>
    public int NoiseSeed { get; set; }

    /// <summary>The draw the next operation makes; every sampling operation (a training step, a Gibbs run) takes one.</summary>
    public long NoiseStep { get; set; }

    /// <summary>
    /// How many persistent chains PCD keeps: 0 until its first step, which starts one chain at each sample of its
    /// batch; after that every PCD step must have this many samples.
    /// </summary>
    public int ChainCount { get; internal set; }

    /// <summary>The visible states of the persistent chains, <see cref="ChainCount"/> rows, as the last PCD step left them.</summary>
    public ReadOnlySpan<float> PersistentChains => Chains.AsSpan(0, ChainCount * Visible);

    internal int Visible { get; }

    /// <summary><c>p(h = 1 | v)</c> of the data: the positive phase.</summary>
    internal float[] PositiveHidden { get; }

    internal float[] HiddenSamples { get; }

    /// <summary><c>p(h = 1 | v)</c> at the end of the chain: the negative phase.</summary>
    internal float[] NegativeHidden { get; }

    internal float[] VisibleProbabilities { get; }

    internal float[] VisibleSamples { get; }

    internal float[] Chains { get; }

    internal float[] Energies { get; }

    internal float[] ColumnSums { get; }

    /// <summary>Forgets the persistent chains; the next PCD step starts new ones at its batch.</summary>
    public void ResetChains() => ChainCount = 0;

    /// <summary>Restores persistent chains, as a checkpoint saved them.</summary>
    /// <param name="chains">Whole visible states, at most <see cref="MaxBatch"/> of them; empty forgets the chains.</param>
    public void RestoreChains(ReadOnlySpan<float> chains)
    {
        if (chains.Length % Visible != 0 || chains.Length / Visible > MaxBatch)
        {
            throw new ArgumentException($"chains must hold whole visible states of {Visible} floats, at most {MaxBatch} of them (got {chains.Length} floats).", nameof(chains));
        }

        chains.CopyTo(Chains);
        ChainCount = chains.Length / Visible;
    }

    /// <summary>Checks that this workspace belongs to <paramref name="layout"/> and that <paramref name="data"/> holds a whole batch that fits.</summary>
    /// <returns>The batch size.</returns>
    internal int CheckBatch(string layout, ReadOnlySpan<float> data, int sampleLength, string name)
    {
        if (layout != Layout)
        {
            throw new ArgumentException(
                $"This workspace was created for machine '{Layout}', not '{layout}'; create one with that machine's CreateWorkspace.",
                "workspace");
        }

        if (data.Length == 0 || data.Length % sampleLength != 0)
        {
            throw new ArgumentException($"{name} must hold a whole number of samples of {sampleLength} floats (got {data.Length}).", name);
        }

        int batch = data.Length / sampleLength;
        if (batch > MaxBatch)
        {
            throw new ArgumentException($"{name} holds {batch} samples but the workspace was created for at most {MaxBatch}.", name);
        }

        return batch;
    }
}
