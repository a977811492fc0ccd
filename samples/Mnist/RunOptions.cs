using System.Collections.Generic;
using System.Globalization;

namespace Butterfly.Samples.Mnist;

/// <summary>What the command line asks for, with the defaults of the main job (no arguments).</summary>
internal sealed record RunOptions
{
    /// <summary>The names of the options that decide the run's weights; a checkpoint saves them and a resume keeps them.</summary>
    public static IReadOnlyList<string> RunSettingNames { get; } =
        ["network", "optimizer", "lr", "batch", "seed", "schedule", "warmup", "weight-decay", "l1", "clip", "shift", "validation", "patience"];

    public string Network { get; init; } = "mlp";

    public string Optimizer { get; init; } = "momentum";

    /// <summary>Null for the optimizer's default.</summary>
    public float? LearningRate { get; init; }

    public int Epochs { get; init; } = 20;

    public int BatchSize { get; init; } = 32;

    public int Seed { get; init; } = 1;

    /// <summary>Null for every core, or, when resuming, the saved run's count.</summary>
    public int? Threads { get; init; }

    /// <summary>Null for <c>out/mnist</c>, or, when resuming, the folder resumed from.</summary>
    public string? Out { get; init; }

    public string? Resume { get; init; }

    public string Schedule { get; init; } = "exponential:0.85";

    public int Warmup { get; init; }

    public float WeightDecay { get; init; }

    public float L1 { get; init; }

    /// <summary>Null for no clipping.</summary>
    public float? Clip { get; init; }

    /// <summary>The largest random move of a training image, in pixels; 0 trains on the images as they are.</summary>
    public int Shift { get; init; }

    public double Validation { get; init; }

    /// <summary>0 for no early stopping.</summary>
    public int Patience { get; init; }

    public OptimizerChoice OptimizerChoice => OptimizerChoice.Find(Optimizer);

    public float ResolvedLearningRate => LearningRate ?? OptimizerChoice.DefaultLearningRate;

    public ScheduleSetting ResolvedSchedule => ScheduleSetting.Parse(Schedule, Epochs);

    /// <summary>The options of <see cref="RunSettingNames"/> in canonical form, for the checkpoint's metadata.</summary>
    public Dictionary<string, string> RunSettings() => new()
    {
        ["network"] = Network,
        ["optimizer"] = Optimizer,
        ["lr"] = Text(ResolvedLearningRate),
        ["batch"] = BatchSize == TrainerOptions.FullBatch ? "full" : Text(BatchSize),
        ["seed"] = Text(Seed),
        ["schedule"] = ResolvedSchedule.ToString(),
        ["warmup"] = Text(Warmup),
        ["weight-decay"] = Text(WeightDecay),
        ["l1"] = Text(L1),
        ["clip"] = Clip is { } clip ? Text(clip) : "none",
        ["shift"] = Text(Shift),
        ["validation"] = Text(Validation),
        ["patience"] = Text(Patience),
    };

    /// <summary>The trainer options these settings give.</summary>
    public TrainerOptions CreateTrainerOptions() => new()
    {
        Epochs = Epochs,
        BatchSize = BatchSize,
        Seed = Seed,
        Schedule = ResolvedSchedule.Create(ResolvedLearningRate, Warmup),
        ValidationFraction = Validation,
        EarlyStopping = Patience > 0 ? new EarlyStopping { Patience = Patience } : null,
        ScoreTrainingSet = true,
        Augmentation = CreateAugmentation(),
    };

    /// <summary>The training images' random shift, or null for none.</summary>
    public Augmentation? CreateAugmentation() => Shift > 0 ? new RandomShift(1, 28, 28, Shift) : null;

    /// <summary>The optimizer these settings give, with its penalties and clipping.</summary>
    public Optimizer CreateOptimizer()
    {
        var choice = OptimizerChoice;
        var optimizer = choice.Create(ResolvedLearningRate, WeightDecay);
        optimizer.Regularization = new Regularization
        {
            Weights = new Penalty(L2: choice.DecouplesWeightDecay ? 0f : WeightDecay, L1: L1),
        };
        if (Clip is { } clip)
        {
            optimizer.MaxGradientNorm = clip;
        }

        return optimizer;
    }

    private static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Text(float value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
