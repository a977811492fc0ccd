using System;

namespace Butterfly;

/// <summary>
/// Training produced a value that is not finite (NaN or infinity). The trainer stops at the step where the loss
/// stopped being finite and names the first place, in forward order, where the bad value appeared.
/// </summary>
public sealed class TrainingDivergedException : ArithmeticException
{
    /// <summary>Creates the exception.</summary>
    public TrainingDivergedException(long step, int epoch, int batch, float loss, string? layer, string message)
        : base(message ?? throw new ArgumentNullException(nameof(message)))
    {
        Step = step;
        Epoch = epoch;
        Batch = batch;
        Loss = loss;
        Layer = layer;
    }

    /// <summary>The optimizer step, counted from 1 over the whole run, whose loss was not finite.</summary>
    public long Step { get; }

    /// <summary>The epoch of that step, from 1.</summary>
    public int Epoch { get; }

    /// <summary>The batch of that step within its epoch, from 1.</summary>
    public int Batch { get; }

    /// <summary>The step's loss: NaN or infinity.</summary>
    public float Loss { get; }

    /// <summary>
    /// The first layer, in forward order, whose output held a value that is not finite (such as <c>dense_2</c>); null
    /// when the input batch itself held one.
    /// </summary>
    public string? Layer { get; }
}
