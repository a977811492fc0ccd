using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;

namespace Butterfly;

/// <summary>
/// Trains a network by epochs. Each epoch puts the samples in a seeded random order, gathers them into batches
/// and calls the network's training step (forward, loss, backward, update), asking the schedule for the
/// learning rate before each step; after the epoch it scores the validation and test sets. A run can stop early,
/// be saved as a <see cref="Checkpoint"/> between epochs and resume from one to the same weights, bit for bit,
/// that it would have reached without stopping (with the same thread count).
/// </summary>
public sealed class Trainer
{
    /// <summary>Separates the validation split's random stream from the shuffle's, which starts from the same seed.</summary>
    private const int ValidationSeedSalt = 0x5EED7A1;

    private readonly INetwork _network;
    private readonly Optimizer _optimizer;
    private readonly TrainerOptions _options;
    private readonly SeededRandom _random;
    private readonly List<EpochReport> _history = [];
    private float[]? _bestParameters;
    private int _trainingSamples = -1;
    private int _resumedTrainingSamples = -1;

    /// <summary>Prepares to train <paramref name="network"/> with <paramref name="optimizer"/>.</summary>
    public Trainer(INetwork network, Optimizer optimizer, TrainerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(optimizer);
        options ??= new TrainerOptions();
        options.Validate();
        _network = network;
        _optimizer = optimizer;
        _options = options;
        _random = new SeededRandom(options.Seed);
    }

    /// <summary>The network being trained.</summary>
    public INetwork Network => _network;

    /// <summary>The optimizer that updates it.</summary>
    public Optimizer Optimizer => _optimizer;

    /// <summary>The options.</summary>
    public TrainerOptions Options => _options;

    /// <summary>Epochs finished, including those before a resume.</summary>
    public int CompletedEpochs { get; private set; }

    /// <summary>One report per finished epoch, including those before a resume.</summary>
    public IReadOnlyList<EpochReport> History => _history;

    /// <summary>Whether early stopping has ended the run.</summary>
    public bool Stopped { get; private set; }

    /// <summary>The epoch with the lowest validation loss so far; 0 without validation or before the first epoch.</summary>
    public int BestEpoch { get; private set; }

    /// <summary>The lowest validation loss so far; positive infinity without one.</summary>
    public float BestValidationLoss { get; private set; } = float.PositiveInfinity;

    /// <summary>
    /// Trains from <see cref="CompletedEpochs"/> up to <see cref="TrainerOptions.Epochs"/>, or until early stopping.
    /// </summary>
    /// <param name="train">The training set; the validation split, if any, is held out of it.</param>
    /// <param name="test">Scored after each epoch when given; never trained on.</param>
    /// <param name="onEpoch">Called after each epoch with its report.</param>
    /// <param name="onBatch">
    /// Called after every step, on the training thread; for progress displays. Keep it cheap: it runs once per
    /// batch. The trainer allocates nothing to call it.
    /// </param>
    /// <returns>The whole history, one report per epoch.</returns>
    /// <exception cref="TrainingDivergedException">
    /// A step's loss was NaN or infinity; the message names the step and the first layer whose output was not finite.
    /// The step changed no parameter (a training step skips its update when the loss is not finite).
    /// </exception>
    public IReadOnlyList<EpochReport> Fit(
        Dataset train, Dataset? test = null, Action<EpochReport>? onEpoch = null, Action<BatchProgress>? onBatch = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        Evaluation.DatasetFits(_network, train, nameof(train));
        if (_options.Augmentation?.Mismatch(train.SampleLength) is { } mismatch)
        {
            throw new ArgumentException(mismatch, nameof(train));
        }

        if (test is not null)
        {
            Evaluation.DatasetFits(_network, test, nameof(test));
        }

        if (_resumedTrainingSamples >= 0 && _resumedTrainingSamples != train.Count)
        {
            throw new ArgumentException(
                $"The resumed run was trained on {_resumedTrainingSamples} samples; train holds {train.Count}. Resume with the same data.",
                nameof(train));
        }

        _resumedTrainingSamples = -1;
        _trainingSamples = train.Count;
        Dataset? validation = null;
        if (_options.ValidationFraction > 0)
        {
            (train, validation) = train.Split(_options.ValidationFraction, _options.Seed ^ ValidationSeedSalt);
        }

        if (Stopped || CompletedEpochs >= _options.Epochs)
        {
            return _history;
        }

        int batchSize = Math.Min(_options.BatchSize, train.Count);
        int stepsPerEpoch = (train.Count + batchSize - 1) / batchSize;
        var workspace = _network.CreateWorkspace(batchSize);
        // Dropout masks follow from (seed, optimizer step), both of which a checkpoint keeps.
        workspace.NoiseSeed = _options.Seed;
        int largestScored = Math.Max(
            Math.Max(test?.Count ?? 0, validation?.Count ?? 0),
            _options.ScoreTrainingSet ? train.Count : 0);
        var scoringWorkspace = largestScored == 0 ? null : _network.CreateWorkspace(Math.Min(_options.EvaluationBatchSize, largestScored));
        var order = new int[train.Count];
        var batchInputs = new float[batchSize * train.SampleLength];
        var batchLabels = train.HasLabels ? new int[batchSize] : [];
        var batchTargets = train.HasLabels ? [] : new float[batchSize * train.TargetLength];
        var schedule = _options.Schedule;

        while (CompletedEpochs < _options.Epochs && !Stopped)
        {
            int epoch = CompletedEpochs + 1;

            // Each epoch starts from the identity, so its order depends only on the generator's state, which a
            // checkpoint saves.
            for (int i = 0; i < order.Length; i++)
            {
                order[i] = i;
            }

            if (_options.Shuffle)
            {
                _random.Shuffle(order.AsSpan());
            }

            var clock = Stopwatch.StartNew();
            double lossSum = 0;
            int step = 0;
            for (int start = 0; start < train.Count; start += batchSize, step++)
            {
                if (schedule is not null)
                {
                    _optimizer.LearningRate = schedule.RateAt(new SchedulePosition(epoch - 1, step, stepsPerEpoch));
                }

                int batch = Math.Min(batchSize, train.Count - start);
                var inputs = batchInputs.AsSpan(0, batch * train.SampleLength);
                for (int b = 0; b < batch; b++)
                {
                    train.Sample(order[start + b]).CopyTo(inputs.Slice(b * train.SampleLength));
                }

                // Keyed by the step TrainStep is about to take, as dropout's masks are.
                _options.Augmentation?.ApplyToBatch(inputs, train.SampleLength, batch, _options.Seed, _optimizer.StepCount + 1);

                float loss;
                if (train.HasLabels)
                {
                    for (int b = 0; b < batch; b++)
                    {
                        batchLabels[b] = train.Labels[order[start + b]];
                    }

                    loss = _network.TrainStep(workspace, inputs, batchLabels.AsSpan(0, batch), _optimizer);
                }
                else
                {
                    int t = train.TargetLength;
                    for (int b = 0; b < batch; b++)
                    {
                        train.Targets.Slice(order[start + b] * t, t).CopyTo(batchTargets.AsSpan(b * t));
                    }

                    loss = _network.TrainStep(workspace, inputs, batchTargets.AsSpan(0, batch * t), _optimizer);
                }

                if (!float.IsFinite(loss))
                {
                    throw Divergence.Explain(_network, workspace, inputs, batch, loss, _optimizer.StepCount + 1, epoch, step + 1);
                }

                lossSum += loss * (double)batch;
                onBatch?.Invoke(new BatchProgress(
                    epoch,
                    _options.Epochs,
                    step + 1,
                    stepsPerEpoch,
                    start + batch,
                    loss,
                    (float)(lossSum / (start + batch)),
                    _optimizer.LearningRate,
                    clock.Elapsed));
            }

            clock.Stop();
            EvaluationResult? trainScore = _options.ScoreTrainingSet ? Evaluation.Evaluate(_network, train, scoringWorkspace!) : null;
            EvaluationResult? validationScore = validation is null ? null : Evaluation.Evaluate(_network, validation, scoringWorkspace!);
            EvaluationResult? testScore = test is null ? null : Evaluation.Evaluate(_network, test, scoringWorkspace!);
            if (validationScore is { } scored)
            {
                WatchValidation(epoch, scored.Loss);
            }

            var report = new EpochReport(
                epoch,
                _options.Epochs,
                (float)(lossSum / train.Count),
                testScore,
                _optimizer.LearningRate,
                clock.Elapsed,
                train.Count / clock.Elapsed.TotalSeconds,
                trainScore,
                validationScore,
                Stopped);
            _history.Add(report);
            CompletedEpochs = epoch;
            onEpoch?.Invoke(report);
        }

        return _history;
    }

    /// <summary>
    /// Puts back the parameters of the epoch with the lowest validation loss, if there was one. Early stopping does this itself when <see cref="EarlyStopping.RestoreBestWeights"/> is on.
    /// </summary>
    /// <returns>Whether there were best parameters to put back.</returns>
    public bool RestoreBestParameters()
    {
        if (_bestParameters is null)
        {
            return false;
        }

        _bestParameters.CopyTo(_network.Parameters);
        return true;
    }

    /// <summary>
    /// Captures the run between epochs: parameters, optimizer state, epoch, random state, schedule position (the
    /// epoch), early-stopping state and history.
    /// </summary>
    /// <param name="metadata">The application's own settings, saved with the run (such as its command line).</param>
    public Checkpoint CreateCheckpoint(IReadOnlyDictionary<string, string>? metadata = null)
    {
        var state = new float[_optimizer.StateBufferCount > 0 && _optimizer.ParameterCount >= 0 ? _optimizer.StateBufferCount : 0][];
        for (int i = 0; i < state.Length; i++)
        {
            state[i] = _optimizer.GetState(i).ToArray();
        }

        return new Checkpoint(
            _network.Signature,
            _network.Parameters.ToArray(),
            _optimizer.Configuration,
            _optimizer.StepCount,
            _optimizer.LearningRate,
            state,
            CompletedEpochs,
            _random.State,
            _options.RunSettings(),
            _trainingSamples,
            Stopped,
            BestEpoch,
            BestValidationLoss,
            _bestParameters ?? [],
            _history.ToArray(),
            Parallelism.ThreadCount,
            metadata is null ? new Dictionary<string, string>() : new Dictionary<string, string>(metadata));
    }

    /// <summary>
    /// Continues the run <paramref name="checkpoint"/> captured. The network, the optimizer's configuration and
    /// the options (all but <see cref="TrainerOptions.Epochs"/>) must be those of the saved run.
    /// </summary>
    /// <exception cref="InvalidDataException">The checkpoint belongs to another network, optimizer or set of options; nothing changed.</exception>
    public void Restore(Checkpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        if (checkpoint.NetworkSignature != _network.Signature || checkpoint.Parameters.Length != _network.ParameterCount)
        {
            throw new InvalidDataException(
                $"The checkpoint is of network '{checkpoint.NetworkSignature}' ({checkpoint.Parameters.Length} parameters), not '{_network.Signature}' ({_network.ParameterCount}).");
        }

        if (checkpoint.OptimizerConfiguration != _optimizer.Configuration)
        {
            throw new InvalidDataException(
                $"The checkpoint's optimizer is '{checkpoint.OptimizerConfiguration}'; this trainer's is '{_optimizer.Configuration}'. Resume with the same optimizer.");
        }

        var ours = _options.RunSettings();
        foreach (var (name, saved) in checkpoint.TrainerSettings)
        {
            string? mine = ours.FirstOrDefault(pair => pair.Key == name).Value;
            if (mine != saved)
            {
                throw new InvalidDataException(
                    $"The checkpoint's run has {name} '{saved}'; this trainer has '{mine ?? "nothing"}'. Resume with the same settings.");
            }
        }

        if (checkpoint.BestParameters.Length != 0 && checkpoint.BestParameters.Length != _network.ParameterCount)
        {
            throw new InvalidDataException($"The checkpoint's best parameters number {checkpoint.BestParameters.Length}, not {_network.ParameterCount}.");
        }

        StructureCheck.Verify(_network, checkpoint.Parameters, "The checkpoint");
        _optimizer.RestoreState(checkpoint.OptimizerStepCount, checkpoint.OptimizerState);
        _optimizer.LearningRate = checkpoint.LearningRate;

        checkpoint.Parameters.CopyTo(_network.Parameters);
        _random.State = checkpoint.RandomState;
        CompletedEpochs = checkpoint.CompletedEpochs;
        _trainingSamples = checkpoint.TrainingSamples;
        _resumedTrainingSamples = checkpoint.TrainingSamples;
        Stopped = checkpoint.Stopped;
        BestEpoch = checkpoint.BestEpoch;
        BestValidationLoss = checkpoint.BestValidationLoss;
        _bestParameters = checkpoint.BestParameters.Length == 0 ? null : checkpoint.BestParameters.ToArray();
        _history.Clear();
        _history.AddRange(checkpoint.History);
    }

    /// <summary>Keeps the best parameters and decides whether to stop, after epoch <paramref name="epoch"/>.</summary>
    private void WatchValidation(int epoch, float loss)
    {
        float minDelta = _options.EarlyStopping?.MinDelta ?? 0f;
        if (loss < BestValidationLoss - minDelta)
        {
            BestValidationLoss = loss;
            BestEpoch = epoch;
            _bestParameters ??= new float[_network.ParameterCount];
            _network.Parameters.CopyTo(_bestParameters);
            return;
        }

        var stopping = _options.EarlyStopping;
        if (stopping is not null && epoch - BestEpoch >= stopping.Patience)
        {
            Stopped = true;
            if (stopping.RestoreBestWeights)
            {
                RestoreBestParameters();
            }
        }
    }
}
