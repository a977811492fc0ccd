using System;
using System.Globalization;

namespace Butterfly;

/// <summary>
/// Stops training when the validation loss has not improved for <see cref="Patience"/> epochs in a row.
/// </summary>
public sealed record EarlyStopping
{
    private readonly int _patience = 5;
    private readonly float _minDelta;

    /// <summary>Epochs without improvement before stopping; positive. Default 5.</summary>
    public int Patience
    {
        get => _patience;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value, nameof(Patience));
            _patience = value;
        }
    }

    /// <summary>How much lower than the best so far a validation loss must be to count as better; not negative. Default 0.</summary>
    public float MinDelta
    {
        get => _minDelta;
        init
        {
            if (!(float.IsFinite(value) && value >= 0f))
            {
                throw new ArgumentOutOfRangeException(nameof(MinDelta), value, "MinDelta must be finite and not negative.");
            }

            _minDelta = value;
        }
    }

    /// <summary>Whether stopping puts back the parameters of the best epoch. Default true.</summary>
    public bool RestoreBestWeights { get; init; } = true;

    /// <inheritdoc/>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"patience {Patience}, min delta {MinDelta:R}{(RestoreBestWeights ? ", restore best" : "")}");
}
