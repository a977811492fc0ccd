using System;
using System.Collections.Generic;
using System.IO;

namespace Butterfly;

/// <summary>
/// A training run captured between epochs, everything a <see cref="Trainer"/> needs to go on as if it had never
/// stopped: parameters, the optimizer's state, the epoch (which is also the schedule's position), the shuffle
/// generator's state, early-stopping state, the history, and the application's own metadata. Create one with
/// <see cref="Trainer.CreateCheckpoint"/>, continue with <see cref="Trainer.Restore"/>; saved as a <c>.bfck</c>
/// file (see <see cref="CheckpointFile"/>).
/// </summary>
public sealed class Checkpoint
{
    private readonly float[] _parameters;
    private readonly float[] _bestParameters;

    internal Checkpoint(
        string networkSignature,
        float[] parameters,
        string optimizerConfiguration,
        long optimizerStepCount,
        float learningRate,
        IReadOnlyList<float[]> optimizerState,
        int completedEpochs,
        (uint S0, uint S1, uint S2, uint S3) randomState,
        IReadOnlyList<KeyValuePair<string, string>> trainerSettings,
        int trainingSamples,
        bool stopped,
        int bestEpoch,
        float bestValidationLoss,
        float[] bestParameters,
        IReadOnlyList<EpochReport> history,
        int threadCount,
        IReadOnlyDictionary<string, string> metadata)
    {
        NetworkSignature = networkSignature;
        _parameters = parameters;
        OptimizerConfiguration = optimizerConfiguration;
        OptimizerStepCount = optimizerStepCount;
        LearningRate = learningRate;
        OptimizerState = optimizerState;
        CompletedEpochs = completedEpochs;
        RandomState = randomState;
        TrainerSettings = trainerSettings;
        TrainingSamples = trainingSamples;
        Stopped = stopped;
        BestEpoch = bestEpoch;
        BestValidationLoss = bestValidationLoss;
        _bestParameters = bestParameters;
        History = history;
        ThreadCount = threadCount;
        Metadata = metadata;
    }

    /// <summary>The signature of the network trained.</summary>
    public string NetworkSignature { get; }

    /// <summary>The parameters after <see cref="CompletedEpochs"/> epochs.</summary>
    public ReadOnlySpan<float> Parameters => _parameters;

    /// <summary>The optimizer's <see cref="Optimizer.Configuration"/>.</summary>
    public string OptimizerConfiguration { get; }

    /// <summary>Steps the optimizer had taken.</summary>
    public long OptimizerStepCount { get; }

    /// <summary>The learning rate of the last step (or the optimizer's, before any).</summary>
    public float LearningRate { get; }

    /// <summary>The optimizer's state buffers; none before its first step.</summary>
    public IReadOnlyList<float[]> OptimizerState { get; }

    /// <summary>Epochs finished.</summary>
    public int CompletedEpochs { get; }

    /// <summary>The shuffle generator's state after the last finished epoch.</summary>
    public (uint S0, uint S1, uint S2, uint S3) RandomState { get; }

    /// <summary>The trainer settings (batch size, seed, schedule...) the run used, by name.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> TrainerSettings { get; }

    /// <summary>Samples in the training set given to the run (before any validation split); -1 before training.</summary>
    public int TrainingSamples { get; }

    /// <summary>Whether early stopping had ended the run.</summary>
    public bool Stopped { get; }

    /// <summary>The epoch of the lowest validation loss; 0 when none.</summary>
    public int BestEpoch { get; }

    /// <summary>The lowest validation loss; positive infinity when none.</summary>
    public float BestValidationLoss { get; }

    /// <summary>The parameters of <see cref="BestEpoch"/>; empty when none.</summary>
    public ReadOnlySpan<float> BestParameters => _bestParameters;

    /// <summary>One report per finished epoch.</summary>
    public IReadOnlyList<EpochReport> History { get; }

    /// <summary>The <see cref="Parallelism.ThreadCount"/> of the saved run: resuming with the same count gives the same bits.</summary>
    public int ThreadCount { get; }

    /// <summary>The application's own settings, saved with the run.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>Writes the checkpoint to <paramref name="path"/> atomically: a temporary file renamed over the target.</summary>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        AtomicFile.Write(path, CheckpointFile.Encode(this));
    }

    /// <summary>Reads a checkpoint from <paramref name="path"/>.</summary>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="InvalidDataException">The file is not a checkpoint, has another version, or is truncated or corrupt.</exception>
    public static Checkpoint Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Checkpoint not found: {path}", path);
        }

        return CheckpointFile.Decode(File.ReadAllBytes(path), path);
    }
}
