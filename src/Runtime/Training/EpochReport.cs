using System;

namespace Butterfly;

/// <summary>What one epoch of training did.</summary>
/// <param name="Epoch">The epoch just finished, from 1.</param>
/// <param name="Epochs">How many epochs the run has.</param>
/// <param name="TrainLoss">The mean of the step losses over the epoch.</param>
/// <param name="Test">The network scored on the test set after the epoch, if one was given.</param>
/// <param name="LearningRate">The learning rate the epoch used.</param>
/// <param name="Elapsed">The time the epoch's training steps took (test scoring excluded).</param>
/// <param name="SamplesPerSecond">Training throughput over the epoch.</param>
public sealed record EpochReport(
    int Epoch,
    int Epochs,
    float TrainLoss,
    EvaluationResult? Test,
    float LearningRate,
    TimeSpan Elapsed,
    double SamplesPerSecond);
