using System;

namespace Butterfly;

/// <summary>
/// Caller-owned scratch for batched <c>Forward</c> and <c>Backward</c>: every activation and every activation
/// gradient for up to <see cref="MaxBatch"/> samples, the per-sample scratch some layers keep for their backward
/// rule (batch normalization's normalized input, say), and scratch whose size does not depend on the batch (a
/// convolution's unfolded input), in one buffer. Create it once with <see cref="INetwork.CreateWorkspace"/> and
/// reuse it; one workspace serves one thread at a time.
/// </summary>
public sealed class Workspace
{
    private readonly float[] _buffer;
    private readonly int[] _tokens;

    /// <summary>Allocates the buffer. Generated networks call this; users call <see cref="INetwork.CreateWorkspace"/>.</summary>
    /// <param name="layout">The network signature the layout belongs to.</param>
    /// <param name="maxBatch">The largest batch this workspace can hold; positive.</param>
    /// <param name="floatsPerSample">Floats of scratch one sample needs; positive.</param>
    public Workspace(string layout, int maxBatch, int floatsPerSample)
        : this(layout, maxBatch, floatsPerSample, fixedFloats: 0)
    {
    }

    /// <summary>Allocates the buffer. Generated networks call this; users call <see cref="INetwork.CreateWorkspace"/>.</summary>
    /// <param name="layout">The network signature the layout belongs to.</param>
    /// <param name="maxBatch">The largest batch this workspace can hold; positive.</param>
    /// <param name="floatsPerSample">Floats of scratch one sample needs; positive.</param>
    /// <param name="fixedFloats">Floats of scratch whatever the batch, after the per-sample part; not negative.</param>
    public Workspace(string layout, int maxBatch, int floatsPerSample, int fixedFloats)
        : this(layout, maxBatch, floatsPerSample, fixedFloats, tokensPerSample: 0)
    {
    }

    /// <summary>Allocates the buffer. Generated networks call this; users call <see cref="INetwork.CreateWorkspace"/>.</summary>
    /// <param name="layout">The network signature the layout belongs to.</param>
    /// <param name="maxBatch">The largest batch this workspace can hold; positive.</param>
    /// <param name="floatsPerSample">Floats of scratch one sample needs; positive.</param>
    /// <param name="fixedFloats">Floats of scratch whatever the batch, after the per-sample part; not negative.</param>
    /// <param name="tokensPerSample">
    /// For a network of token inputs, the ids in one sample: room for a batch of them read from floats (the
    /// <see cref="INetwork"/> methods, which a <see cref="Dataset"/> feeds); 0 for a network of float inputs.
    /// </param>
    public Workspace(string layout, int maxBatch, int floatsPerSample, int fixedFloats, int tokensPerSample)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(tokensPerSample);
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBatch);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(floatsPerSample);
        ArgumentOutOfRangeException.ThrowIfNegative(fixedFloats);
        if ((long)maxBatch * floatsPerSample + fixedFloats > Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(
                nameof(maxBatch),
                maxBatch,
                $"maxBatch must be at most {(Array.MaxLength - fixedFloats) / floatsPerSample} for this network ({floatsPerSample} floats per sample).");
        }

        Layout = layout;
        MaxBatch = maxBatch;
        FloatsPerSample = floatsPerSample;
        FixedFloats = fixedFloats;
        _buffer = new float[maxBatch * floatsPerSample + fixedFloats];
        _tokens = new int[checked(maxBatch * tokensPerSample)];
    }

    /// <summary>The signature of the network this workspace was created for.</summary>
    public string Layout { get; }

    /// <summary>The largest batch this workspace holds.</summary>
    public int MaxBatch { get; }

    /// <summary>Floats of scratch per sample.</summary>
    public int FloatsPerSample { get; }

    /// <summary>Floats of scratch that do not scale with the batch.</summary>
    public int FixedFloats { get; }

    /// <summary>
    /// Whether the last <c>Forward</c> ran in training mode (dropout active, batch normalization on batch
    /// statistics); <c>Backward</c> differentiates the same mode.
    /// </summary>
    public bool Training { get; set; }

    /// <summary>
    /// Seeds the dropout noise of training-mode forward passes, together with <see cref="NoiseStep"/>. The trainer
    /// sets it to its seed.
    /// </summary>
    public int NoiseSeed { get; set; }

    /// <summary>
    /// Which draw of dropout noise the next training-mode forward pass uses: a mask is a pure function of
    /// (<see cref="NoiseSeed"/>, <see cref="NoiseStep"/>, layer, element), so it costs no storage, backward
    /// recomputes it, and a resumed run draws the same masks. <c>TrainStep</c> sets it to the optimizer's step count.
    /// </summary>
    public long NoiseStep { get; set; }

    /// <summary>
    /// The region that holds <paramref name="batch"/> samples of a tensor of <paramref name="length"/> floats per
    /// sample, which starts at per-sample offset <paramref name="offset"/> of the layout.
    /// </summary>
    public Span<float> Region(int offset, int length, int batch) => _buffer.AsSpan(offset * MaxBatch, length * batch);

    /// <summary>The batch-independent scratch of <paramref name="length"/> floats at <paramref name="offset"/> of its part.</summary>
    public Span<float> FixedRegion(int offset, int length) => _buffer.AsSpan(FloatsPerSample * MaxBatch + offset, length);

    /// <summary>
    /// Token ids read from <paramref name="values"/>, floats that carry them, in this workspace's own buffer (valid until
    /// its next use): how a token network's <see cref="INetwork"/> methods, which take floats, reach its id methods.
    /// </summary>
    public ReadOnlySpan<int> Tokens(ReadOnlySpan<float> values, int vocabulary, string name)
    {
        if (values.Length > _tokens.Length)
        {
            throw new ArgumentException($"{name} holds {values.Length} token ids but the workspace has room for {_tokens.Length}.", name);
        }

        var tokens = _tokens.AsSpan(0, values.Length);
        Arguments.ToTokens(values, tokens, vocabulary, name);
        return tokens;
    }

    /// <summary>
    /// Checks that this workspace belongs to <paramref name="layout"/> and that <paramref name="inputs"/> holds a whole
    /// batch of token samples that fits.
    /// </summary>
    /// <returns>The batch size.</returns>
    public int CheckBatch(string layout, ReadOnlySpan<int> inputs, int inputLength) => CheckBatch(layout, inputs.Length, inputLength, "token ids");

    /// <summary>
    /// Checks that this workspace belongs to <paramref name="layout"/> and that <paramref name="inputs"/> holds a
    /// whole batch that fits.
    /// </summary>
    /// <returns>The batch size.</returns>
    public int CheckBatch(string layout, ReadOnlySpan<float> inputs, int inputLength) => CheckBatch(layout, inputs.Length, inputLength, "floats");

    private int CheckBatch(string layout, int length, int inputLength, string unit)
    {
        if (!ReferenceEquals(layout, Layout) && layout != Layout)
        {
            throw new ArgumentException(
                $"This workspace was created for network '{Layout}', not '{layout}'; create one with that network's CreateWorkspace.",
                "workspace");
        }

        if (length == 0 || length % inputLength != 0)
        {
            throw new ArgumentException(
                $"inputs must hold a whole number of samples of {inputLength} {unit} (got {length}).",
                "inputs");
        }

        int batch = length / inputLength;
        if (batch > MaxBatch)
        {
            throw new ArgumentException(
                $"inputs holds {batch} samples but the workspace was created for at most {MaxBatch}.",
                "inputs");
        }

        return batch;
    }
}
