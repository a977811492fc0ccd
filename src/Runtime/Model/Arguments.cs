using System;
using System.ComponentModel;

namespace Butterfly;

/// <summary>Argument checks shared by generated networks and the runtime, with messages that say what was expected.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Arguments
{
    /// <summary>Throws unless <paramref name="span"/> holds exactly <paramref name="expected"/> floats.</summary>
    public static void HasLength(ReadOnlySpan<float> span, int expected, string name)
    {
        if (span.Length != expected)
        {
            throw new ArgumentException($"{name} must hold exactly {expected} floats (got {span.Length}).", name);
        }
    }

    /// <summary>Throws unless <paramref name="span"/> holds at least <paramref name="expected"/> floats.</summary>
    public static void HasAtLeast(ReadOnlySpan<float> span, int expected, string name)
    {
        if (span.Length < expected)
        {
            throw new ArgumentException($"{name} must hold at least {expected} floats (got {span.Length}).", name);
        }
    }

    /// <summary>Throws unless <paramref name="span"/> holds exactly <paramref name="expected"/> labels.</summary>
    public static void HasLength(ReadOnlySpan<int> span, int expected, string name)
    {
        if (span.Length != expected)
        {
            throw new ArgumentException($"{name} must hold exactly {expected} labels, one per sample (got {span.Length}).", name);
        }
    }

    /// <summary>Throws unless <paramref name="span"/> holds exactly <paramref name="expected"/> token ids.</summary>
    public static void HasTokens(ReadOnlySpan<int> span, int expected, string name)
    {
        if (span.Length != expected)
        {
            throw new ArgumentException($"{name} must hold exactly {expected} token ids (got {span.Length}).", name);
        }
    }

    /// <summary>
    /// Throws <see cref="ArgumentOutOfRangeException"/> naming the first position of <paramref name="tokens"/> whose id is
    /// outside <c>[0, <paramref name="vocabulary"/>)</c>, and its value.
    /// </summary>
    public static void InVocabulary(ReadOnlySpan<int> tokens, int vocabulary, string name)
    {
        // One unsigned comparison per id catches both negative ids and ids past the end.
        for (int i = 0; i < tokens.Length; i++)
        {
            if ((uint)tokens[i] >= (uint)vocabulary)
            {
                throw new ArgumentOutOfRangeException(
                    name,
                    tokens[i],
                    $"{name}[{i}] is {tokens[i]}, outside the vocabulary: token ids must be in [0, {vocabulary}).");
            }
        }
    }

    /// <summary>
    /// Reads token ids carried as floats (as a <see cref="Dataset"/> holds them) into <paramref name="tokens"/>: each must be
    /// a whole number in <c>[0, <paramref name="vocabulary"/>)</c>, which floats hold exactly up to 2^24.
    /// </summary>
    public static void ToTokens(ReadOnlySpan<float> values, Span<int> tokens, int vocabulary, string name)
    {
        for (int i = 0; i < values.Length; i++)
        {
            float value = values[i];
            if (!(value >= 0f && value < vocabulary) || value != MathF.Floor(value))
            {
                throw new ArgumentOutOfRangeException(
                    name,
                    value,
                    $"{name}[{i}] is {value}, not a token id: ids carried as floats must be whole numbers in [0, {vocabulary}).");
            }

            tokens[i] = (int)value;
        }
    }
}
