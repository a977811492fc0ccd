using System;

namespace Butterfly;

/// <summary>
/// Samples in one row-major float buffer, with a class label or a real-valued target vector per sample.
/// </summary>
public sealed class Dataset
{
    private readonly float[] _features;
    private readonly int[]? _labels;
    private readonly float[]? _targets;

    private Dataset(float[] features, int sampleLength, int[]? labels, float[]? targets, int targetLength)
    {
        _features = features;
        _labels = labels;
        _targets = targets;
        SampleLength = sampleLength;
        TargetLength = targetLength;
        Count = features.Length / sampleLength;
    }

    /// <summary>Floats per sample.</summary>
    public int SampleLength { get; }

    /// <summary>Floats per target vector; 0 for a labelled dataset.</summary>
    public int TargetLength { get; }

    /// <summary>How many samples.</summary>
    public int Count { get; }

    /// <summary>Whether samples carry class labels (otherwise target vectors).</summary>
    public bool HasLabels => _labels is not null;

    /// <summary>All samples, row-major.</summary>
    public ReadOnlySpan<float> Features => _features;

    /// <summary>All labels; empty for a regression dataset.</summary>
    public ReadOnlySpan<int> Labels => _labels;

    /// <summary>All target vectors, row-major; empty for a labelled dataset.</summary>
    public ReadOnlySpan<float> Targets => _targets;

    /// <summary>A dataset of samples with class labels.</summary>
    /// <param name="features">Samples, <paramref name="sampleLength"/> floats each, row-major.</param>
    /// <param name="sampleLength">Floats per sample; positive.</param>
    /// <param name="labels">One class index per sample; not negative.</param>
    public static Dataset WithLabels(float[] features, int sampleLength, int[] labels)
    {
        CheckFeatures(features, sampleLength);
        ArgumentNullException.ThrowIfNull(labels);
        int count = features.Length / sampleLength;
        if (labels.Length != count)
        {
            throw new ArgumentException($"labels must hold one label per sample ({count}, got {labels.Length}).", nameof(labels));
        }

        int bad = Array.FindIndex(labels, label => label < 0);
        if (bad >= 0)
        {
            throw new ArgumentException($"labels[{bad}] is {labels[bad]}; class labels must not be negative.", nameof(labels));
        }

        return new Dataset(features, sampleLength, labels, null, 0);
    }

    /// <summary>A dataset of samples with real-valued targets.</summary>
    /// <param name="features">Samples, <paramref name="sampleLength"/> floats each, row-major.</param>
    /// <param name="sampleLength">Floats per sample; positive.</param>
    /// <param name="targets">One vector of <paramref name="targetLength"/> floats per sample, row-major.</param>
    /// <param name="targetLength">Floats per target; positive.</param>
    public static Dataset WithTargets(float[] features, int sampleLength, float[] targets, int targetLength)
    {
        CheckFeatures(features, sampleLength);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(targetLength);
        int count = features.Length / sampleLength;
        if (targets.Length != (long)count * targetLength)
        {
            throw new ArgumentException(
                $"targets must hold {targetLength} floats per sample ({(long)count * targetLength}, got {targets.Length}).",
                nameof(targets));
        }

        return new Dataset(features, sampleLength, null, targets, targetLength);
    }

    /// <summary>Sample <paramref name="index"/>.</summary>
    public ReadOnlySpan<float> Sample(int index) => _features.AsSpan(checked(index * SampleLength), SampleLength);

    /// <summary>A copy of the samples from <paramref name="start"/>, <paramref name="count"/> of them.</summary>
    public Dataset Slice(int start, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (start + (long)count > Count)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"start + count must be at most {Count}, the number of samples.");
        }

        var features = _features.AsSpan(start * SampleLength, count * SampleLength).ToArray();
        return _labels is not null
            ? new Dataset(features, SampleLength, _labels.AsSpan(start, count).ToArray(), null, 0)
            : new Dataset(features, SampleLength, null, _targets.AsSpan(start * TargetLength, count * TargetLength).ToArray(), TargetLength);
    }

    /// <summary>A copy of the samples at <paramref name="indices"/>, in that order.</summary>
    public Dataset Select(ReadOnlySpan<int> indices)
    {
        if (indices.IsEmpty)
        {
            throw new ArgumentException("indices must name at least one sample.", nameof(indices));
        }

        var features = new float[indices.Length * SampleLength];
        var labels = _labels is null ? null : new int[indices.Length];
        var targets = _targets is null ? null : new float[indices.Length * TargetLength];
        for (int i = 0; i < indices.Length; i++)
        {
            int index = indices[i];
            if ((uint)index >= (uint)Count)
            {
                throw new ArgumentOutOfRangeException(nameof(indices), index, $"indices[{i}] must be a sample index in [0, {Count}).");
            }

            Sample(index).CopyTo(features.AsSpan(i * SampleLength));
            if (labels is not null)
            {
                labels[i] = _labels![index];
            }
            else
            {
                _targets.AsSpan(index * TargetLength, TargetLength).CopyTo(targets.AsSpan(i * TargetLength));
            }
        }

        return new Dataset(features, SampleLength, labels, targets, TargetLength);
    }

    /// <summary>
    /// Holds out a random part of the samples for validation: a seeded shuffle picks
    /// <c>round(Count × validationFraction)</c> samples (at least one, and one fewer than all at most). Both parts
    /// keep the original order of their samples. The same seed and count always give the same split.
    /// </summary>
    /// <param name="validationFraction">The share held out, in (0, 1).</param>
    /// <param name="seed">Seeds the choice.</param>
    public (Dataset Train, Dataset Validation) Split(double validationFraction, int seed)
    {
        if (!(validationFraction > 0 && validationFraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(validationFraction), validationFraction, "validationFraction must be in (0, 1).");
        }

        if (Count < 2)
        {
            throw new InvalidOperationException($"A dataset of {Count} sample cannot be split; it needs at least 2.");
        }

        int validationCount = Math.Clamp((int)Math.Round(Count * validationFraction), 1, Count - 1);
        var order = new int[Count];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        new SeededRandom(seed).Shuffle(order.AsSpan());
        var validation = order.AsSpan(0, validationCount);
        var train = order.AsSpan(validationCount);
        validation.Sort();
        train.Sort();
        return (Select(train), Select(validation));
    }

    private static void CheckFeatures(float[] features, int sampleLength)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleLength);
        if (features.Length == 0 || features.Length % sampleLength != 0)
        {
            throw new ArgumentException(
                $"features must hold a positive whole number of samples of {sampleLength} floats (got {features.Length}).",
                nameof(features));
        }
    }
}
