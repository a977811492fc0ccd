using System;

namespace Butterfly;

/// <summary>Argument checks shared by generated networks and the runtime, with messages that say what was expected.</summary>
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
}
