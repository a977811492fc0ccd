using System;

namespace Butterfly;

/// <summary>
/// Applies gradients to parameters: the update phase, strictly after backward. State (such as momentum) is
/// allocated on the first step and reused, so steps after the first allocate nothing.
/// </summary>
public abstract class Optimizer
{
    private float _learningRate;

    /// <summary>Sets the learning rate.</summary>
    protected Optimizer(float learningRate) => LearningRate = learningRate;

    /// <summary>The step size; positive and finite. A schedule may change it between steps.</summary>
    public float LearningRate
    {
        get => _learningRate;
        set
        {
            if (!float.IsFinite(value) || value <= 0f)
            {
                throw new ArgumentOutOfRangeException(nameof(LearningRate), value, "The learning rate must be positive and finite.");
            }

            _learningRate = value;
        }
    }

    /// <summary>How many steps this optimizer has applied.</summary>
    public long StepCount { get; private set; }

    /// <summary>Updates <paramref name="parameters"/> from <paramref name="gradients"/> of the same length.</summary>
    public void Step(Span<float> parameters, ReadOnlySpan<float> gradients, ReadOnlySpan<ParameterBlock> blocks)
    {
        if (gradients.Length != parameters.Length)
        {
            throw new ArgumentException(
                $"gradients must be as long as parameters ({parameters.Length} floats, got {gradients.Length}).",
                nameof(gradients));
        }

        StepCount++;
        Update(parameters, gradients, blocks);
    }

    /// <summary>The optimizer's rule, for one step.</summary>
    protected abstract void Update(Span<float> parameters, ReadOnlySpan<float> gradients, ReadOnlySpan<ParameterBlock> blocks);
}
