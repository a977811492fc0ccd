using System;

namespace Butterfly;

/// <summary>
/// Concatenation along channels of the current flow <c>x</c> (the previous layer's output, or what
/// <see cref="FromAttribute"/> names) and the named outputs, in that order: inputs <c>(C1, H, W)</c>, <c>(C2, H, W)</c>
/// give <c>(C1 + C2, H, W)</c>; vectors <c>(n1)</c>, <c>(n2)</c> give <c>(n1 + n2)</c>. All but the first axis must agree.
/// In backward, each operand receives its slice of <c>dy</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ConcatAttribute : LayerAttribute
{
    /// <summary>Declares the concatenation.</summary>
    /// <param name="names">One or more names declared earlier in the network.</param>
    public ConcatAttribute(params string[] names) => Names = names;

    /// <summary>The named outputs appended to the current flow.</summary>
    public string[] Names { get; }
}
