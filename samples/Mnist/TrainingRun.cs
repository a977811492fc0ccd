using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;

namespace Butterfly.Samples.Mnist;

/// <summary>
/// One run of the sample: load MNIST, build (or resume) the network, optimizer and trainer, train while showing
/// progress and saving a checkpoint after every epoch, then save the weights and draw the charts.
/// </summary>
internal static class TrainingRun
{
    /// <summary>The checkpoint's name inside the output folder.</summary>
    public const string CheckpointName = "checkpoint" + CheckpointFile.Extension;

    /// <summary>Runs the command line's job.</summary>
    /// <param name="commandLine">The parsed options.</param>
    /// <param name="given">The options the command line named, to find conflicts with a resumed run.</param>
    /// <param name="display">Where progress and results go.</param>
    /// <returns>The process exit code.</returns>
    public static int Execute(RunOptions commandLine, IReadOnlySet<string> given, TrainingDisplay display)
    {
        if (NetworkChoice.Find(commandLine.Network).Job is { } job)
        {
            return job(commandLine, display);
        }

        var options = commandLine;
        Checkpoint? checkpoint = null;
        if (commandLine.Resume is { } resumeFolder)
        {
            string path = Path.Combine(resumeFolder, CheckpointName);
            if (!File.Exists(path))
            {
                throw new UsageException($"--resume {resumeFolder}: there is no {CheckpointName} in that folder.");
            }

            checkpoint = Checkpoint.Load(path);
            options = Resumed(commandLine, given, checkpoint, resumeFolder, display);
        }

        if (options.Threads is { } threads)
        {
            Parallelism.ThreadCount = threads;
        }

        string folder = options.Out ?? options.Resume ?? Path.Combine("out", "mnist");
        Directory.CreateDirectory(folder);
        var (train, test) = LoadMnist(display);
        var clock = Stopwatch.StartNew();
        var choice = NetworkChoice.Find(options.Network);
        var network = choice.Create(options.Seed);
        var optimizer = options.CreateOptimizer();
        var trainerOptions = options.CreateTrainerOptions();
        var trainer = new Trainer(network, optimizer, trainerOptions);
        if (checkpoint is not null)
        {
            trainer.Restore(checkpoint);
        }

        display.Line(network.Summary.TrimEnd());
        display.Line(string.Create(
            CultureInfo.InvariantCulture,
            $"{choice.Name}: {optimizer.Configuration}; lr {options.ResolvedLearningRate:R}, schedule {trainerOptions.Schedule}; " +
            $"batch {(options.BatchSize == TrainerOptions.FullBatch ? "full" : options.BatchSize)}, seed {options.Seed}, " +
            $"{Parallelism.ThreadCount} thread(s){(trainerOptions.Augmentation is { } augmentation ? $", {augmentation}" : "")}{(options.Validation > 0 ? $", validation {options.Validation:P0}" : "")}{(options.Patience > 0 ? $", patience {options.Patience}" : "")}."));
        if (checkpoint is not null)
        {
            display.Line(
                trainer.Stopped ? $"The run in {options.Resume} stopped early after epoch {trainer.CompletedEpochs}; there is nothing more to train."
                : trainer.CompletedEpochs >= options.Epochs ? $"The run in {options.Resume} already has {trainer.CompletedEpochs} epoch(s); raise --epochs to go on."
                : $"Resuming {options.Resume} after epoch {trainer.CompletedEpochs}, up to epoch {options.Epochs}.");
        }

        var metadata = options.RunSettings();
        metadata["epochs"] = options.Epochs.ToString(CultureInfo.InvariantCulture);
        string checkpointPath = Path.Combine(folder, CheckpointName);
        clock.Restart();
        int before = trainer.CompletedEpochs;
        display.Train((onBatch, onEpoch) => trainer.Fit(
            train,
            test,
            report =>
            {
                // Saved after every epoch, so an interrupted run loses at most one epoch.
                trainer.CreateCheckpoint(metadata).Save(checkpointPath);
                onEpoch(report);
            },
            onBatch));
        var trainingTime = clock.Elapsed;

        string weightsPath = Path.Combine(folder, choice.Name + ".bfw");
        WeightsFile.Save(network, weightsPath);
        trainer.CreateCheckpoint(metadata).Save(checkpointPath);

        string title = $"{choice.Name}, {optimizer.Name}";
        string curvesPath = Path.Combine(folder, "curves.png");
        string confusionPath = Path.Combine(folder, "confusion.png");
        if (trainer.History.Count > 0)
        {
            TrainingCurvesChart.Save(trainer.History, title, curvesPath);
        }

        var workspace = network.CreateWorkspace(1000);
        var counts = Evaluation.ConfusionMatrix(network, test, workspace);
        ConfusionMatrixChart.Save(counts, title, confusionPath);

        var score = Evaluation.Evaluate(network, test, workspace);
        int trained = trainer.CompletedEpochs - before;
        display.Line(string.Create(
            CultureInfo.InvariantCulture,
            $"Trained {trained} epoch(s) in {trainingTime.TotalSeconds:F1} s{(trainer.Stopped ? $" (stopped early; best epoch {trainer.BestEpoch})" : "")}. " +
            $"Test accuracy {score.Accuracy:P2}, loss {score.Loss:F4}."));
        display.Line($"Saved {weightsPath}, {checkpointPath}, {curvesPath} and {confusionPath}.");
        return 0;
    }

    /// <summary>Loads MNIST from the repository's data/mnist, found above the program or the current folder.</summary>
    public static (Dataset Train, Dataset Test) LoadMnist(TrainingDisplay display)
    {
        string? data = Butterfly.Data.Mnist.FindDataDirectory(AppContext.BaseDirectory) ?? Butterfly.Data.Mnist.FindDataDirectory(Directory.GetCurrentDirectory());
        if (data is null)
        {
            throw new UsageException("data/mnist was not found above the program or the current folder.");
        }

        var clock = Stopwatch.StartNew();
        var train = Butterfly.Data.Mnist.LoadTraining(data);
        var test = Butterfly.Data.Mnist.LoadTest(data);
        display.Line($"Loaded {train.Count:N0} training and {test.Count:N0} test images from {data} in {clock.ElapsedMilliseconds} ms.");
        return (train, test);
    }

    /// <summary>
    /// The options of the saved run, with this command line's epochs, threads and output folder. Settings the
    /// command line repeats must agree with the saved ones.
    /// </summary>
    private static RunOptions Resumed(
        RunOptions commandLine, IReadOnlySet<string> given, Checkpoint checkpoint, string folder, TrainingDisplay display)
    {
        var saved = checkpoint.Metadata;
        var missing = RunOptions.RunSettingNames.Where(name => !saved.ContainsKey(name)).ToList();
        if (missing.Count > 0 || !saved.ContainsKey("epochs"))
        {
            throw new UsageException($"--resume {folder}: the checkpoint was not written by this sample (it lacks {string.Join(", ", missing.DefaultIfEmpty("epochs"))}).");
        }

        var mine = commandLine.RunSettings();
        foreach (string name in RunOptions.RunSettingNames.Where(given.Contains))
        {
            if (mine[name] != saved[name])
            {
                throw new UsageException(
                    $"--{name} {mine[name]} differs from the resumed run's {saved[name]}; leave it out to continue that run, or start a new one.");
            }
        }

        var args = new List<string>();
        foreach (string name in RunOptions.RunSettingNames.Where(name => saved[name] != "none"))
        {
            args.Add("--" + name);
            args.Add(saved[name]);
        }

        args.Add("--epochs");
        args.Add(given.Contains("epochs") ? commandLine.Epochs.ToString(CultureInfo.InvariantCulture) : saved["epochs"]);
        var (options, _) = CommandLine.Parse(args);

        int? threads = commandLine.Threads;
        if (threads is null && checkpoint.ThreadCount >= 1 && checkpoint.ThreadCount <= Environment.ProcessorCount * 4)
        {
            threads = checkpoint.ThreadCount;
        }

        if (threads is { } count && count != checkpoint.ThreadCount)
        {
            display.Line($"Note: the saved run used {checkpoint.ThreadCount} thread(s) and this one {count}; the weights may differ in the last bits from a run that never stopped.");
        }

        return options with { Threads = threads, Out = commandLine.Out ?? folder, Resume = folder };
    }
}
