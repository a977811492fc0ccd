using System;

namespace Butterfly;

/// <summary>
/// Caller-owned scratch for batched <c>Forward</c> and <c>Backward</c>: every activation and every activation
/// gradient for up to <see cref="MaxBatch"/> samples, in one buffer. Create it once with
/// <see cref="INetwork.CreateWorkspace"/> and reuse it; one workspace serves one thread at a time.
/// </summary>
public sealed class Workspace
{
    private readonly float[] _buffer;

    /// <summary>Allocates the buffer. Generated networks call this; users call <see cref="INetwork.CreateWorkspace"/>.</summary>
    /// <param name="layout">The network signature the layout belongs to.</param>
    /// <param name="maxBatch">The largest batch this workspace can hold; positive.</param>
    /// <param name="floatsPerSample">Floats of scratch one sample needs; positive.</param>
    public Workspace(string layout, int maxBatch, int floatsPerSample)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBatch);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(floatsPerSample);
        if ((long)maxBatch * floatsPerSample > Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(
                nameof(maxBatch),
                maxBatch,
                $"maxBatch must be at most {Array.MaxLength / floatsPerSample} for this network ({floatsPerSample} floats per sample).");
        }

        Layout = layout;
        MaxBatch = maxBatch;
        FloatsPerSample = floatsPerSample;
        _buffer = new float[maxBatch * floatsPerSample];
    }

    /// <summary>The signature of the network this workspace was created for.</summary>
    public string Layout { get; }

    /// <summary>The largest batch this workspace holds.</summary>
    public int MaxBatch { get; }

    /// <summary>Floats of scratch per sample.</summary>
    public int FloatsPerSample { get; }

    /// <summary>
    /// The region that holds <paramref name="batch"/> samples of a tensor of <paramref name="length"/> floats per
    /// sample, which starts at per-sample offset <paramref name="offset"/> of the layout.
    /// </summary>
    public Span<float> Region(int offset, int length, int batch) => _buffer.AsSpan(offset * MaxBatch, length * batch);

    /// <summary>
    /// Checks that this workspace belongs to <paramref name="layout"/> and that <paramref name="inputs"/> holds a
    /// whole batch that fits.
    /// </summary>
    /// <returns>The batch size.</returns>
    public int CheckBatch(string layout, ReadOnlySpan<float> inputs, int inputLength)
    {
        if (!ReferenceEquals(layout, Layout) && layout != Layout)
        {
            throw new ArgumentException(
                $"This workspace was created for network '{Layout}', not '{layout}'; create one with that network's CreateWorkspace.",
                "workspace");
        }

        if (inputs.Length == 0 || inputs.Length % inputLength != 0)
        {
            throw new ArgumentException(
                $"inputs must hold a whole number of samples of {inputLength} floats (got {inputs.Length}).",
                nameof(inputs));
        }

        int batch = inputs.Length / inputLength;
        if (batch > MaxBatch)
        {
            throw new ArgumentException(
                $"inputs holds {batch} samples but the workspace was created for at most {MaxBatch}.",
                nameof(inputs));
        }

        return batch;
    }
}
