using System;
using System.Collections.Generic;

namespace Butterfly.Runtime.Tests.Training;

[Collection(AllocationCounting.Name)]
public sealed class TrainerModeTests
{
    [Theory]
    [InlineData(1, 90)]                          // online: one step per sample
    [InlineData(16, 6)]                          // mini-batch: ⌈90 / 16⌉ steps, the last one of 10 samples
    [InlineData(TrainerOptions.FullBatch, 1)]   // full batch: one step per epoch
    [InlineData(90, 1)]
    public void Batch_size_picks_online_mini_batch_or_full_batch(int batchSize, int stepsPerEpoch)
    {
        var network = new TinyClassifier(seed: 1);
        var optimizer = new Sgd(0.05f);
        var trainer = new Trainer(network, optimizer, new TrainerOptions { Epochs = 3, BatchSize = batchSize });
        var steps = new List<BatchProgress>();
        trainer.Fit(Blobs.Create(90, seed: 2), onBatch: steps.Add);
        Assert.Equal(3 * stepsPerEpoch, optimizer.StepCount);
        Assert.Equal(3 * stepsPerEpoch, steps.Count);
        Assert.All(steps, step => Assert.Equal(stepsPerEpoch, step.StepsPerEpoch));
        Assert.Equal(90, steps[stepsPerEpoch - 1].Samples);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(16)]
    [InlineData(TrainerOptions.FullBatch)]
    public void Every_mode_learns_the_blobs(int batchSize)
    {
        var network = new TinyClassifier(seed: 1);
        var trainer = new Trainer(
            network,
            new Sgd(batchSize == 1 ? 0.02f : 0.3f, momentum: 0.9f),
            new TrainerOptions { Epochs = batchSize == TrainerOptions.FullBatch ? 60 : 15, BatchSize = batchSize });
        var history = trainer.Fit(Blobs.Create(300, seed: 3), Blobs.Create(300, seed: 4));
        Assert.True(history[^1].Test!.Value.Accuracy > 0.85f, $"accuracy {history[^1].Test!.Value.Accuracy}");
        Assert.True(history[^1].TrainLoss < history[0].TrainLoss);
    }

    [Fact]
    public void The_schedule_sets_the_rate_of_every_step()
    {
        var schedule = new LinearWarmup(5, new CosineSchedule(0.1f, epochs: 3));
        var optimizer = new Adam(0.1f);
        var trainer = new Trainer(new TinyClassifier(seed: 1), optimizer, new TrainerOptions { Epochs = 3, BatchSize = 32, Schedule = schedule });
        var rates = new List<(BatchProgress Step, float Rate)>();
        var history = trainer.Fit(Blobs.Create(100, seed: 2), onBatch: step => rates.Add((step, step.LearningRate)));
        Assert.Equal(12, rates.Count);
        foreach (var (step, rate) in rates)
        {
            Assert.Equal(schedule.RateAt(new SchedulePosition(step.Epoch - 1, step.Step - 1, step.StepsPerEpoch)), rate);
        }

        Assert.Equal(rates[3].Rate, history[0].LearningRate);
        Assert.True(rates[0].Rate < rates[4].Rate && rates[4].Rate > rates[11].Rate);
    }

    /// <summary>
    /// From the second step to the last of an epoch the thread allocates nothing, in at least one of three epochs (see
    /// <see cref="Allocations.AssertNone"/> for the occasional 8 KB the runtime charges a run that allocates nothing).
    /// </summary>
    [Fact]
    public void The_batch_hook_costs_no_allocation_per_step()
    {
        Allocations.AssertNoneInOneOfThree(() =>
        {
            var trainer = new Trainer(new TinyClassifier(seed: 1), new Adam(), new TrainerOptions { Epochs = 1, BatchSize = 4 });
            long second = 0, last = 0;
            trainer.Fit(Blobs.Create(200, seed: 2), onBatch: step =>
            {
                if (step.Step == 2)
                {
                    second = GC.GetAllocatedBytesForCurrentThread();
                }
                else if (step.Step == step.StepsPerEpoch)
                {
                    last = GC.GetAllocatedBytesForCurrentThread();
                }
            });

            Assert.NotEqual(0, second);
            return last - second;
        });
    }

    [Fact]
    public void Reports_carry_train_validation_and_test_scores()
    {
        var trainer = new Trainer(
            new TinyClassifier(seed: 1),
            new Sgd(0.2f, momentum: 0.9f),
            new TrainerOptions { Epochs = 2, ValidationFraction = 0.2, ScoreTrainingSet = true });
        var history = trainer.Fit(Blobs.Create(250, seed: 2), Blobs.Create(50, seed: 3));
        var report = history[^1];
        Assert.Equal(200, report.Train!.Value.Count);
        Assert.Equal(50, report.Validation!.Value.Count);
        Assert.Equal(50, report.Test!.Value.Count);
        Assert.Equal(2, trainer.CompletedEpochs);
    }

    [Fact]
    public void Confusion_matrix_counts_true_against_predicted()
    {
        var network = new TinyClassifier(seed: 1);
        var trainer = new Trainer(network, new Sgd(0.3f, momentum: 0.9f), new TrainerOptions { Epochs = 5 });
        var test = Blobs.Create(120, seed: 5);
        trainer.Fit(Blobs.Create(300, seed: 3));
        var workspace = network.CreateWorkspace(50);
        var matrix = Evaluation.ConfusionMatrix(network, test, workspace);
        var score = Evaluation.Evaluate(network, test, workspace);
        int total = 0, diagonal = 0;
        for (int truth = 0; truth < 3; truth++)
        {
            int row = 0;
            for (int predicted = 0; predicted < 3; predicted++)
            {
                row += matrix[truth, predicted];
                diagonal += truth == predicted ? matrix[truth, predicted] : 0;
            }

            Assert.Equal(Array.FindAll(test.Labels.ToArray(), label => label == truth).Length, row);
            total += row;
        }

        Assert.Equal(120, total);
        Assert.Equal(score.Accuracy, diagonal / 120f, 1e-6f);
    }
}
