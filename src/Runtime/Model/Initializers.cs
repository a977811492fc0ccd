using System;
using System.ComponentModel;

namespace Butterfly;

/// <summary>Parameter initializations that keep activation variance steady from layer to layer.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Initializers
{
    /// <summary>
    /// Glorot and Bengio (2010): uniform on <c>[-a, a]</c> with <c>a = sqrt(6 / (fanIn + fanOut))</c>, for layers
    /// followed by sigmoid, tanh, softmax or nothing.
    /// </summary>
    public static void GlorotUniform(Span<float> weights, int fanIn, int fanOut, SeededRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fanIn);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fanOut);
        float limit = MathF.Sqrt(6f / (fanIn + fanOut));
        for (int i = 0; i < weights.Length; i++)
        {
            weights[i] = (2f * random.NextSingle() - 1f) * limit;
        }
    }

    /// <summary>He et al. (2015): normal with <c>σ = sqrt(2 / fanIn)</c>, for layers followed by ReLU.</summary>
    public static void HeNormal(Span<float> weights, int fanIn, SeededRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fanIn);
        float sigma = MathF.Sqrt(2f / fanIn);
        for (int i = 0; i < weights.Length; i++)
        {
            weights[i] = random.NextGaussian() * sigma;
        }
    }

    /// <summary>Normal with mean 0 and standard deviation <paramref name="sigma"/>, such as a Boltzmann machine's small initial weights.</summary>
    public static void Normal(Span<float> weights, float sigma, SeededRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (!float.IsFinite(sigma) || sigma < 0f)
        {
            throw new ArgumentOutOfRangeException(nameof(sigma), sigma, "sigma must be finite and not negative.");
        }

        for (int i = 0; i < weights.Length; i++)
        {
            weights[i] = random.NextGaussian() * sigma;
        }
    }
}
