using System;

namespace Butterfly;

/// <summary>
/// Element-wise sum of the current flow <c>x</c> (the previous layer's output, or what <see cref="FromAttribute"/> names) and
/// the named outputs: <c>y = x + a + b + ...</c>. Every operand must have the same shape. A residual connection: <c>[Add("block_input")]</c>. In backward,
/// each operand receives <c>dy</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class AddAttribute : LayerAttribute
{
    /// <summary>Declares the merge.</summary>
    /// <param name="names">One or more names declared earlier in the network.</param>
    public AddAttribute(params string[] names) => Names = names;

    /// <summary>The named outputs merged with the current flow.</summary>
    public string[] Names { get; }
}
