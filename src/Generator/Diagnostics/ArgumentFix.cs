using System.Collections.Immutable;

namespace Butterfly.Generator.Diagnostics;

/// <summary>
/// The nearest valid value for a layer argument that a diagnostic rejects, carried in the diagnostic's properties so
/// that the IDE's code fix (Butterfly.CodeFixes) writes the value the generator chose rather than deciding again.
/// </summary>
internal sealed record ArgumentFix(string Argument, int Value)
{
    /// <summary>Property key: the attribute constructor's parameter name, such as <c>padding</c>.</summary>
    public const string ArgumentKey = "Argument";

    /// <summary>Property key: the replacement value, an invariant-culture integer.</summary>
    public const string ValueKey = "Value";

    public ImmutableDictionary<string, string?> ToProperties() =>
        ImmutableDictionary<string, string?>.Empty
            .Add(ArgumentKey, Argument)
            .Add(ValueKey, Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
