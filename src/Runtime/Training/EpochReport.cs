using System;

namespace Butterfly;

/// <summary>What one epoch of training did.</summary>
/// <param name="Epoch">The epoch just finished, from 1.</param>
/// <param name="Epochs">How many epochs the run has.</param>
/// <param name="TrainLoss">The mean of the step losses over the epoch (each taken before its step's update).</param>
/// <param name="Test">The network scored on the test set after the epoch, if one was given.</param>
/// <param name="LearningRate">The learning rate of the epoch's last step.</param>
/// <param name="Elapsed">The time the epoch's training steps took (scoring excluded).</param>
/// <param name="SamplesPerSecond">Training throughput over the epoch.</param>
/// <param name="Train">The whole training set scored after the epoch, when <see cref="TrainerOptions.ScoreTrainingSet"/> is on.</param>
/// <param name="Validation">The held-out validation set scored after the epoch, when there is one.</param>
/// <param name="StoppedEarly">Whether early stopping ended the run after this epoch.</param>
public sealed record EpochReport(
    int Epoch,
    int Epochs,
    float TrainLoss,
    EvaluationResult? Test,
    float LearningRate,
    TimeSpan Elapsed,
    double SamplesPerSecond,
    EvaluationResult? Train = null,
    EvaluationResult? Validation = null,
    bool StoppedEarly = false);
