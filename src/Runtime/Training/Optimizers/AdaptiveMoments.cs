using System;
using System.Numerics.Tensors;

namespace Butterfly;

/// <summary>The moment estimates and step that <see cref="Adam"/> and <see cref="AdamW"/> share.</summary>
internal static class AdaptiveMoments
{
    /// <summary>
    /// Kingma and Ba (2015), Algorithm 1, for step <paramref name="t"/> (from 1):
    /// <code>
    /// m = β₁ m + (1 - β₁) g          v = β₂ v + (1 - β₂) g²
    /// m̂ = m / (1 - β₁ᵗ)              v̂ = v / (1 - β₂ᵗ)
    /// w = w - η m̂ / (√v̂ + ε)
    /// </code>
    /// computed as the paper's section 2 suggests, with the corrections folded into two scalars:
    /// <c>w = w - ηₜ m / (√v + ε̂)</c>, <c>ηₜ = η √(1 - β₂ᵗ) / (1 - β₁ᵗ)</c>, <c>ε̂ = ε √(1 - β₂ᵗ)</c>,
    /// which is the same update (multiply the fraction through by √(1 - β₂ᵗ)) in fewer passes.
    /// </summary>
    public static void Step(
        Span<float> parameters,
        ReadOnlySpan<float> gradients,
        Span<float> firstMoment,
        Span<float> secondMoment,
        Span<float> scratch,
        float learningRate,
        float beta1,
        float beta2,
        float epsilon,
        long t)
    {
        // lerp(x, s, β) = x + β (s - x) = β s + (1 - β) x: each running mean in one pass.
        TensorPrimitives.Lerp(gradients, firstMoment, beta1, firstMoment);
        TensorPrimitives.Multiply(gradients, gradients, scratch);
        TensorPrimitives.Lerp(scratch, secondMoment, beta2, secondMoment);

        double correction1 = 1.0 - Math.Pow(beta1, t);
        double root2 = Math.Sqrt(1.0 - Math.Pow(beta2, t));
        float stepSize = (float)(learningRate * root2 / correction1);
        float scaledEpsilon = (float)(epsilon * root2);
        TensorPrimitives.Sqrt(secondMoment, scratch);
        TensorPrimitives.Add(scratch, scaledEpsilon, scratch);
        TensorPrimitives.Divide(firstMoment, scratch, scratch);
        TensorPrimitives.MultiplyAdd(scratch, -stepSize, parameters, parameters);
    }
}
