using System.Collections.Generic;
using Butterfly.Generator.Diagnostics;
using Butterfly.Generator.Model;

namespace Butterfly.Generator.Layers;

/// <summary>
/// A layer that reads several outputs: the current flow (the layer before, or what <c>[From]</c> names) and the
/// outputs its attribute names (<see cref="LayerSpec.Merged"/>). Its backward rule gives each operand its own
/// <c>dE/dx</c>; where an operand is also read elsewhere, the shares are summed.
/// </summary>
internal abstract class MergeLayer : LayerKind
{
    public override bool IsMerge => true;

    /// <summary>Why shapes that <see cref="Agree"/> rejects cannot be merged, and what to do: the end of BF0043.</summary>
    protected abstract string Disagreement { get; }

    public override ShapeResult InferShape(Shape input, LayerSpec spec) => ShapeResult.Of(input);

    public override ShapeResult InferShape(IReadOnlyList<Shape> inputs, IReadOnlyList<string> names, LayerSpec spec)
    {
        for (int k = 1; k < inputs.Count; k++)
        {
            if (!Agree(inputs[0], inputs[k]))
            {
                return ShapeResult.Rejected(
                    DiagnosticDescriptors.MergedShapesDisagree, $"[{spec.Declaration()}]", names[0], inputs[0].ToString(), names[k], inputs[k].ToString(), Disagreement);
            }
        }

        return ShapeResult.Of(Combine(inputs));
    }

    /// <summary>Whether <paramref name="other"/> can be merged with the first operand, of shape <paramref name="first"/>.</summary>
    protected virtual bool Agree(Shape first, Shape other) => first == other;

    /// <summary>The output shape of operands that agree.</summary>
    protected virtual Shape Combine(IReadOnlyList<Shape> inputs) => inputs[0];
}
