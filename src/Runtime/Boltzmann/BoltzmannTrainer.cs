using System;
using System.Collections.Generic;
using System.Diagnostics;

namespace Butterfly;

/// <summary>
/// Trains a Boltzmann machine by contrastive divergence on unlabelled data: shuffled mini-batches, one
/// <see cref="IBoltzmannMachine.TrainStep"/> each (CD-k or PCD-k, then the optimizer's update with its momentum,
/// penalties and weight decay), a report per epoch. The same seed and thread count give the same bits.
/// </summary>
public sealed class BoltzmannTrainer
{
    private readonly IBoltzmannMachine _machine;
    private readonly Optimizer _optimizer;
    private readonly BoltzmannTrainerOptions _options;
    private readonly SeededRandom _shuffle;
    private readonly BoltzmannWorkspace _workspace;
    private readonly BoltzmannWorkspace _monitorWorkspace;
    private readonly List<BoltzmannEpochReport> _history = [];
    private float[] _batch = [];
    private int[] _order = [];

    /// <summary>Prepares to train <paramref name="machine"/> with <paramref name="optimizer"/>.</summary>
    public BoltzmannTrainer(IBoltzmannMachine machine, Optimizer optimizer, BoltzmannTrainerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(machine);
        ArgumentNullException.ThrowIfNull(optimizer);
        _options = options ?? new BoltzmannTrainerOptions();
        _options.Validate();
        _machine = machine;
        _optimizer = optimizer;
        _shuffle = new SeededRandom(_options.Seed);
        _workspace = machine.CreateWorkspace(_options.BatchSize);
        _workspace.NoiseSeed = _options.Seed;

        // Monitoring draws its own noise, so measuring or not leaves training's bits unchanged.
        _monitorWorkspace = machine.CreateWorkspace(_options.BatchSize);
        _monitorWorkspace.NoiseSeed = ~_options.Seed;
    }

    /// <summary>The machine trained.</summary>
    public IBoltzmannMachine Machine => _machine;

    /// <summary>The workspace the training steps use: its persistent chains are PCD's state.</summary>
    public BoltzmannWorkspace Workspace => _workspace;

    /// <summary>Epochs finished.</summary>
    public int CompletedEpochs => _history.Count;

    /// <summary>One report per finished epoch.</summary>
    public IReadOnlyList<BoltzmannEpochReport> History => _history;

    /// <summary>
    /// Trains on <paramref name="data"/> (whole samples of <see cref="IBoltzmannMachine.VisibleCount"/> floats) until
    /// <see cref="BoltzmannTrainerOptions.Epochs"/> epochs are done; a last batch smaller than the batch size is dropped
    /// from an epoch (PCD needs every batch alike), and the shuffle picks which samples that is.
    /// </summary>
    /// <param name="data">The training samples.</param>
    /// <param name="onEpoch">Called after each epoch.</param>
    public void Fit(ReadOnlySpan<float> data, Action<BoltzmannEpochReport>? onEpoch = null)
    {
        int length = _machine.VisibleCount;
        if (data.Length == 0 || data.Length % length != 0)
        {
            throw new ArgumentException($"data must hold a whole number of samples of {length} floats (got {data.Length}).", nameof(data));
        }

        int count = data.Length / length, batchSize = _options.BatchSize;
        int steps = count / batchSize;
        if (steps == 0)
        {
            throw new ArgumentException($"data holds {count} samples, fewer than one batch of {batchSize}.", nameof(data));
        }

        if (_order.Length != count)
        {
            _order = new int[count];
        }

        if (_batch.Length == 0)
        {
            _batch = new float[batchSize * length];
        }

        while (_history.Count < _options.Epochs)
        {
            int epoch = _history.Count;
            for (int i = 0; i < count; i++)
            {
                _order[i] = i;
            }

            _shuffle.Shuffle(_order.AsSpan());
            var clock = Stopwatch.StartNew();
            double reconstruction = 0;
            for (int step = 0; step < steps; step++)
            {
                for (int i = 0; i < batchSize; i++)
                {
                    data.Slice(_order[step * batchSize + i] * length, length).CopyTo(_batch.AsSpan(i * length, length));
                }

                if (_options.Schedule is { } schedule)
                {
                    _optimizer.LearningRate = schedule.RateAt(new SchedulePosition(epoch, step, steps));
                }

                float error = _machine.TrainStep(_workspace, _batch, _optimizer, _options.GibbsSteps, _options.Persistent);
                if (!float.IsFinite(error))
                {
                    throw new TrainingDivergedException(
                        _optimizer.StepCount + 1,
                        epoch + 1,
                        step + 1,
                        error,
                        null,
                        $"The Boltzmann machine's training diverged at epoch {epoch + 1}, step {step + 1}: the reconstruction error or the gradient is {error}. Lower the learning rate, or check the data for NaN and infinity.");
                }

                reconstruction += error;
            }

            double seconds = clock.Elapsed.TotalSeconds;
            var report = new BoltzmannEpochReport(epoch + 1, (float)(reconstruction / steps), Monitor(data, count), seconds);
            _history.Add(report);
            onEpoch?.Invoke(report);
        }
    }

    private float Monitor(ReadOnlySpan<float> data, int count)
    {
        int samples = Math.Min(_options.MonitorSamples, count);
        if (samples == 0 || _machine.VisibleUnits != VisibleUnits.Bernoulli)
        {
            return float.NaN;
        }

        int length = _machine.VisibleCount;
        double sum = 0;
        for (int start = 0; start < samples; start += _options.BatchSize)
        {
            int batch = Math.Min(_options.BatchSize, samples - start);
            sum += (double)_machine.PseudoLogLikelihood(_monitorWorkspace, data.Slice(start * length, batch * length)) * batch;
        }

        return (float)(sum / samples);
    }
}
