using System;

namespace Butterfly;

/// <summary>
/// Element-wise product of the current flow <c>x</c> (the previous layer's output, or what <see cref="FromAttribute"/> names) and
/// the named outputs: <c>y = x ⊙ a ⊙ ...</c>. Every operand must have the same shape. A gate: <c>[Multiply("gate")]</c>, with the gate typically a sigmoid. In backward,
/// each operand receives <c>dy</c> times the product of the others.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class MultiplyAttribute : LayerAttribute
{
    /// <summary>Declares the merge.</summary>
    /// <param name="names">One or more names declared earlier in the network.</param>
    public MultiplyAttribute(params string[] names) => Names = names;

    /// <summary>The named outputs merged with the current flow.</summary>
    public string[] Names { get; }
}
