using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

using Butterfly.Data;
using Butterfly.Tests;

namespace Butterfly.Runtime.Tests.Training;

public sealed class CheckpointTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("butterfly-checkpoint-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>Everything the run's weights depend on: Adam, warm-up into cosine, penalties, clipping, validation.</summary>
    private static Trainer CreateTrainer(INetwork network, int epochs) =>
        new(
            network,
            new Adam(0.02f) { Regularization = Regularization.WeightDecay(1e-3f), MaxGradientNorm = 1f },
            new TrainerOptions
            {
                Epochs = epochs,
                BatchSize = 16,
                Seed = 7,
                Schedule = new LinearWarmup(10, new CosineSchedule(0.02f, epochs: 6)),
                ValidationFraction = 0.2,
                EarlyStopping = new EarlyStopping { Patience = 10 },
            });

    [Fact]
    public void A_resumed_run_ends_with_the_same_bits_as_one_that_never_stopped()
    {
        var data = Blobs.Create(240, seed: 3);
        var test = Blobs.Create(60, seed: 4);

        var straight = new TinyClassifier(seed: 11);
        CreateTrainer(straight, epochs: 6).Fit(data, test);

        var first = new TinyClassifier(seed: 11);
        var firstTrainer = CreateTrainer(first, epochs: 2);
        firstTrainer.Fit(data, test);
        string path = Path.Combine(_folder, "run" + CheckpointFile.Extension);
        firstTrainer.CreateCheckpoint(new Dictionary<string, string> { ["network"] = "tiny" }).Save(path);

        // A fresh process would build everything anew: another initialization, which the checkpoint overwrites.
        var resumed = new TinyClassifier(seed: 99);
        var resumedTrainer = CreateTrainer(resumed, epochs: 4);
        resumedTrainer.Restore(Checkpoint.Load(path));
        resumedTrainer.Fit(data, test);
        resumedTrainer.CreateCheckpoint().Save(path);

        var last = new TinyClassifier(seed: 5);
        var lastTrainer = CreateTrainer(last, epochs: 6);
        lastTrainer.Restore(Checkpoint.Load(path));
        var history = lastTrainer.Fit(data, test);

        Assert.Equal(6, history.Count);
        Assert.Equal(Enumerable.Range(1, 6), history.Select(report => report.Epoch));
        string a = Path.Combine(_folder, "a.bfw"), b = Path.Combine(_folder, "b.bfw");
        WeightsFile.Save(straight, a);
        WeightsFile.Save(last, b);
        Assert.Equal(File.ReadAllBytes(a), File.ReadAllBytes(b));
    }

    /// <summary>
    /// Dropout masks follow from the trainer's seed and the optimizer's step count, and the batch normalization's running
    /// statistics travel with the parameters, so a resumed run draws the same masks and ends with the same bits.
    /// </summary>
    [Fact]
    public void A_resumed_run_with_dropout_and_batch_normalization_ends_with_the_same_bits()
    {
        var data = Blobs.Create(240, seed: 3);
        var test = Blobs.Create(60, seed: 4);
        var straight = new TinyDropoutClassifier(seed: 11);
        CreateTrainer(straight, epochs: 4).Fit(data, test);

        var first = new TinyDropoutClassifier(seed: 11);
        var firstTrainer = CreateTrainer(first, epochs: 2);
        firstTrainer.Fit(data, test);
        string path = Path.Combine(_folder, "dropout" + CheckpointFile.Extension);
        firstTrainer.CreateCheckpoint().Save(path);

        var resumed = new TinyDropoutClassifier(seed: 99);
        var resumedTrainer = CreateTrainer(resumed, epochs: 4);
        resumedTrainer.Restore(Checkpoint.Load(path));
        resumedTrainer.Fit(data, test);

        Assert.Equal(straight.Parameters.ToArray(), resumed.Parameters.ToArray());
        Assert.NotEqual(0f, straight.BatchNorm1RunningMean[0]);
        Assert.NotEqual(1f, straight.BatchNorm1RunningVariance[0]);
    }

    [Fact]
    public void A_resumed_MNIST_run_matches_one_that_never_stopped()
    {
        var data = Mnist.LoadTest(RepositoryPaths.MnistDirectory).Slice(0, 1500);
        Dataset train = data.Slice(0, 1200), test = data.Slice(1200, 300);
        static Trainer Create(INetwork network, int epochs) => new(
            network,
            new Sgd(0.1f, momentum: 0.9f, nesterov: true),
            new TrainerOptions { Epochs = epochs, BatchSize = 32, Seed = 3, Schedule = new ExponentialSchedule(0.1f, 0.8f) });

        var straight = new SmallMnistNet(seed: 1);
        Create(straight, 3).Fit(train, test);

        var first = new SmallMnistNet(seed: 1);
        var trainer = Create(first, 1);
        trainer.Fit(train, test);
        string path = Path.Combine(_folder, "mnist" + CheckpointFile.Extension);
        trainer.CreateCheckpoint().Save(path);

        var resumed = new SmallMnistNet(seed: 1);
        var resumedTrainer = Create(resumed, 3);
        resumedTrainer.Restore(Checkpoint.Load(path));
        resumedTrainer.Fit(train, test);
        Assert.True(straight.Parameters.SequenceEqual(resumed.Parameters));
    }

    [Fact]
    public void Save_and_load_keep_every_field()
    {
        var network = new TinyClassifier(seed: 1);
        var trainer = CreateTrainer(network, epochs: 2);
        trainer.Fit(Blobs.Create(100, seed: 1), Blobs.Create(20, seed: 2));
        var saved = trainer.CreateCheckpoint(new Dictionary<string, string> { ["b"] = "2", ["a"] = "1" });
        string path = Path.Combine(_folder, "all.bfck");
        saved.Save(path);
        var loaded = Checkpoint.Load(path);

        Assert.Equal(saved.NetworkSignature, loaded.NetworkSignature);
        Assert.True(saved.Parameters.SequenceEqual(loaded.Parameters));
        Assert.Equal(saved.OptimizerConfiguration, loaded.OptimizerConfiguration);
        Assert.Equal(saved.OptimizerStepCount, loaded.OptimizerStepCount);
        Assert.Equal(saved.LearningRate, loaded.LearningRate);
        Assert.Equal(saved.OptimizerState, loaded.OptimizerState);
        Assert.Equal(saved.CompletedEpochs, loaded.CompletedEpochs);
        Assert.Equal(saved.RandomState, loaded.RandomState);
        Assert.Equal(saved.TrainerSettings, loaded.TrainerSettings);
        Assert.Equal(100, loaded.TrainingSamples);
        Assert.Equal(saved.BestEpoch, loaded.BestEpoch);
        Assert.Equal(saved.BestValidationLoss, loaded.BestValidationLoss);
        Assert.True(saved.BestParameters.SequenceEqual(loaded.BestParameters));
        Assert.Equal(saved.History, loaded.History);
        Assert.Equal(saved.ThreadCount, loaded.ThreadCount);
        Assert.Equal("1", loaded.Metadata["a"]);
        Assert.Equal("2", loaded.Metadata["b"]);
        Assert.Equal([Path.GetFileName(path)], Directory.GetFiles(_folder).Select(Path.GetFileName));
    }

    [Fact]
    public void Corrupt_truncated_and_foreign_files_fail_clearly()
    {
        var trainer = CreateTrainer(new TinyClassifier(seed: 1), epochs: 1);
        trainer.Fit(Blobs.Create(50, seed: 1));
        string path = Path.Combine(_folder, "good.bfck");
        trainer.CreateCheckpoint().Save(path);
        var bytes = File.ReadAllBytes(path);

        var flipped = (byte[])bytes.Clone();
        flipped[bytes.Length / 2] ^= 0x40;
        Assert.Contains("corrupt", LoadFails(flipped).Message, StringComparison.Ordinal);

        Assert.Contains("truncated", LoadFails(bytes[..(bytes.Length - 100)]).Message, StringComparison.Ordinal);
        Assert.Contains("truncated", LoadFails(bytes[..10]).Message, StringComparison.Ordinal);

        var newer = (byte[])bytes.Clone();
        newer[4] = 2;
        Assert.Contains("version 2", LoadFails(newer).Message, StringComparison.Ordinal);

        string weights = Path.Combine(_folder, "weights.bfw");
        WeightsFile.Save(new TinyClassifier(), weights);
        Assert.Contains("not a Butterfly checkpoint", LoadFails(File.ReadAllBytes(weights)).Message, StringComparison.Ordinal);

        Assert.Throws<FileNotFoundException>(() => Checkpoint.Load(Path.Combine(_folder, "missing.bfck")));
    }

    [Fact]
    public void A_checkpoint_only_resumes_the_same_network_optimizer_and_settings()
    {
        var trainer = CreateTrainer(new TinyClassifier(seed: 1), epochs: 1);
        trainer.Fit(Blobs.Create(50, seed: 1));
        var checkpoint = trainer.CreateCheckpoint();

        var otherNetwork = Assert.Throws<InvalidDataException>(() => CreateTrainer(new OtherClassifier(), 2).Restore(checkpoint));
        Assert.Contains("network", otherNetwork.Message, StringComparison.Ordinal);

        var otherOptimizer = Assert.Throws<InvalidDataException>(
            () => new Trainer(new TinyClassifier(), new Sgd(0.1f), CreateTrainer(new TinyClassifier(), 2).Options).Restore(checkpoint));
        Assert.Contains("optimizer", otherOptimizer.Message, StringComparison.Ordinal);

        var options = CreateTrainer(new TinyClassifier(), 2).Options;
        var otherBatch = new TrainerOptions
        {
            Epochs = 2,
            BatchSize = 8,
            Seed = options.Seed,
            Schedule = options.Schedule,
            ValidationFraction = options.ValidationFraction,
            EarlyStopping = options.EarlyStopping,
        };
        var otherSettings = Assert.Throws<InvalidDataException>(
            () => new Trainer(new TinyClassifier(), new Adam(0.02f) { Regularization = Regularization.WeightDecay(1e-3f), MaxGradientNorm = 1f }, otherBatch)
                .Restore(checkpoint));
        Assert.Contains("batch size '16'", otherSettings.Message, StringComparison.Ordinal);

        var resumed = CreateTrainer(new TinyClassifier(), 2);
        resumed.Restore(checkpoint);
        Assert.Throws<ArgumentException>("train", () => resumed.Fit(Blobs.Create(60, seed: 1)));
    }

    private InvalidDataException LoadFails(byte[] bytes)
    {
        string path = Path.Combine(_folder, "bad.bfck");
        File.WriteAllBytes(path, bytes);
        return Assert.Throws<InvalidDataException>(() => Checkpoint.Load(path));
    }
}
