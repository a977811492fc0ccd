using System;
using System.Collections.Generic;
using System.Linq;

namespace Butterfly.Runtime.Tests.Training;

public sealed class ValidationTests
{
    [Fact]
    public void Split_holds_out_a_seeded_disjoint_share()
    {
        var data = Blobs.Create(100, seed: 1);
        var (train, validation) = data.Split(0.2, seed: 7);
        Assert.Equal((80, 20), (train.Count, validation.Count));

        // Every sample lands in exactly one part: match them by their first feature, which is unique here.
        var all = Enumerable.Range(0, 100).Select(i => data.Sample(i)[0]).Order().ToArray();
        var parts = Enumerable.Range(0, 80).Select(i => train.Sample(i)[0])
            .Concat(Enumerable.Range(0, 20).Select(i => validation.Sample(i)[0])).Order().ToArray();
        Assert.Equal(all, parts);

        var again = data.Split(0.2, seed: 7).Validation;
        Assert.Equal(validation.Features.ToArray(), again.Features.ToArray());
        Assert.NotEqual(validation.Features.ToArray(), data.Split(0.2, seed: 8).Validation.Features.ToArray());
        Assert.Throws<ArgumentOutOfRangeException>("validationFraction", () => data.Split(1.0, 1));
    }

    [Fact]
    public void Early_stopping_stops_after_patience_and_restores_the_best_weights()
    {
        // Gradient ascent makes every epoch worse than the one before, so epoch 1 stays the best, and the run
        // stops after `patience` more epochs with epoch 1's parameters put back.
        var network = new TinyClassifier(seed: 1);
        var trainer = new Trainer(
            network,
            new GradientAscent(0.05f),
            new TrainerOptions { Epochs = 20, ValidationFraction = 0.25, EarlyStopping = new EarlyStopping { Patience = 3 } });
        var snapshots = new List<float[]>();
        var history = trainer.Fit(Blobs.Create(200, seed: 2), onEpoch: _ => snapshots.Add(network.Parameters.ToArray()));

        Assert.Equal(4, history.Count);
        Assert.True(trainer.Stopped);
        Assert.True(history[^1].StoppedEarly);
        Assert.Equal(1, trainer.BestEpoch);
        Assert.Equal(history[0].Validation!.Value.Loss, trainer.BestValidationLoss);
        Assert.Equal(snapshots[0], network.Parameters.ToArray());

        // A stopped run does not go on.
        trainer.Fit(Blobs.Create(200, seed: 2));
        Assert.Equal(4, trainer.History.Count);
    }

    [Fact]
    public void Early_stopping_needs_a_validation_split() =>
        Assert.Throws<ArgumentException>(
            "EarlyStopping",
            () => new Trainer(new TinyClassifier(), new Sgd(0.1f), new TrainerOptions { EarlyStopping = new EarlyStopping() }));

    /// <summary>Climbs the loss: a rule that makes each epoch worse, for testing early stopping.</summary>
    private sealed class GradientAscent(float learningRate) : Optimizer(learningRate, stateBuffers: 0)
    {
        public override string Name => "ascent";

        public override string Description => "ascent";

        protected override void Update(Span<float> parameters, ReadOnlySpan<float> gradients, ReadOnlySpan<ParameterBlock> blocks) =>
            System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(gradients, LearningRate, parameters, parameters);
    }
}
