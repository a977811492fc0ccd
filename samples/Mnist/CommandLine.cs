using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Butterfly.Samples.Mnist;

/// <summary>
/// Reads <c>--name value</c> pairs into <see cref="RunOptions"/>. Each option is one row of <see cref="Options"/>,
/// which also writes <c>--help</c>, so adding an option is adding a row.
/// </summary>
internal static class CommandLine
{
    private static readonly Option[] Options =
    [
        new("network", "NAME", $"the network to train: {Names(NetworkChoice.All.Select(n => $"{n.Name} ({n.Description})"))}. Default mlp.",
            (o, v) => o with { Network = NetworkChoice.Find(v).Name }),
        new("optimizer", "NAME", $"{Names(OptimizerChoice.All.Select(c => c.Name))}. Default momentum.",
            (o, v) => o with { Optimizer = OptimizerChoice.Find(v).Name }),
        new("lr", "RATE", "the base learning rate; positive. Default: 0.1 for sgd, momentum and nesterov, 0.01 for adagrad, 0.001 for rmsprop, adam and adamw, 1 for adadelta.",
            (o, v) => o with { LearningRate = PositiveFloat("lr", v) }),
        new("epochs", "N", "epochs in total (with --resume, the total to continue up to). Default 20.",
            (o, v) => o with { Epochs = Integer("epochs", v, 1) }),
        new("batch", "N|full", "samples per step: 1 is online learning, full is full-batch. Default 32.",
            (o, v) => o with { BatchSize = v == "full" ? TrainerOptions.FullBatch : Integer("batch", v, 1) }),
        new("seed", "N", "seeds the initial weights, the shuffling and the validation split. Default 1.",
            (o, v) => o with { Seed = Integer("seed", v, int.MinValue) }),
        new("threads", "N", $"threads the kernels may use, 1 to {Environment.ProcessorCount * 4}; the same count gives the same bits. Default: every core, or the resumed run's count.",
            (o, v) => o with { Threads = Integer("threads", v, 1, Environment.ProcessorCount * 4) }),
        new("out", "DIR", "where the weights (NETWORK.bfw), checkpoint.bfck, curves.png and confusion.png go. Default out/mnist, or the --resume folder.",
            (o, v) => o with { Out = NotEmpty("out", v) }),
        new("resume", "DIR", "continue the run whose checkpoint.bfck is in DIR, with its settings, up to --epochs.",
            (o, v) => o with { Resume = NotEmpty("resume", v) }),
        new("schedule", "SPEC", $"the learning-rate schedule: {ScheduleSetting.Help}. Default exponential:0.85.",
            (o, v) => o with { Schedule = v }),
        new("warmup", "STEPS", "ramp the rate up linearly over this many first steps. Default 0.",
            (o, v) => o with { Warmup = Integer("warmup", v, 0) }),
        new("weight-decay", "L2", "L2 penalty on the weights (decoupled decay for adamw); biases are not decayed. Default 0.",
            (o, v) => o with { WeightDecay = NotNegativeFloat("weight-decay", v) }),
        new("l1", "L1", "L1 penalty on the weights. Default 0.",
            (o, v) => o with { L1 = NotNegativeFloat("l1", v) }),
        new("clip", "NORM", "clip the gradient to this global norm. Default: no clipping.",
            (o, v) => o with { Clip = PositiveFloat("clip", v) }),
        new("validation", "FRACTION", "hold out this share of the training set, by a seeded draw, to validate on. Default 0.",
            (o, v) => o with { Validation = Fraction("validation", v) }),
        new("patience", "EPOCHS", "stop when the validation loss has not improved for this many epochs, and keep the best weights; needs --validation. Default 0 (never stop early).",
            (o, v) => o with { Patience = Integer("patience", v, 0) }),
    ];

    /// <summary>Reads <paramref name="args"/>.</summary>
    /// <returns>The options, and the names of those the command line gave.</returns>
    /// <exception cref="UsageException">An unknown option, a missing value or a value out of range.</exception>
    public static (RunOptions Options, IReadOnlySet<string> Given) Parse(IReadOnlyList<string> args)
    {
        var options = new RunOptions();
        var given = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            if (arg is "--help" or "-h" or "-?")
            {
                return (options with { Help = true }, given);
            }

            string name = arg.StartsWith("--", StringComparison.Ordinal) ? arg[2..] : "";
            string? inline = null;
            int equals = name.IndexOf('=', StringComparison.Ordinal);
            if (equals >= 0)
            {
                inline = name[(equals + 1)..];
                name = name[..equals];
            }

            var option = Options.FirstOrDefault(o => o.Name == name)
                ?? throw new UsageException(name.Length == 0
                    ? $"unexpected argument '{arg}'; options start with -- (see --help)."
                    : $"unknown option '--{name}' (see --help).");
            if (!given.Add(name))
            {
                throw new UsageException($"--{name} is given twice.");
            }

            string value = inline ?? (i + 1 < args.Count ? args[++i] : throw new UsageException($"--{name} needs a value ({option.Value})."));
            options = option.Apply(options, value);
        }

        options = WithNetworkDefaults(options, given);
        if (options.Patience > 0 && options.Validation == 0)
        {
            throw new UsageException("--patience needs a validation split: add --validation FRACTION, such as --validation 0.1.");
        }

        _ = options.ResolvedSchedule;
        return (options, given);
    }

    /// <summary>The chosen network's default options, for each the command line did not give.</summary>
    private static RunOptions WithNetworkDefaults(RunOptions options, HashSet<string> given)
    {
        var defaults = NetworkChoice.Find(options.Network).Defaults;
        for (int i = 0; i + 1 < defaults.Count; i += 2)
        {
            string name = defaults[i][2..];
            if (!given.Contains(name))
            {
                options = Options.First(o => o.Name == name).Apply(options, defaults[i + 1]);
            }
        }

        return options;
    }

    /// <summary>The <c>--help</c> text.</summary>
    public static string Usage()
    {
        var text = new StringBuilder();
        text.AppendLine("Trains a network on MNIST with Butterfly and saves its weights, a checkpoint and two charts.");
        text.AppendLine();
        text.AppendLine("Usage: dotnet run -c Release --project samples/Mnist -- [options]");
        text.AppendLine("       dotnet run -c Release --project samples/Mnist -- export [options]   (embeddable weights; export --help)");
        text.AppendLine();
        text.AppendLine("With no options it runs the main job: mlp, SGD with momentum 0.9, lr 0.1 decayed by 0.85 per epoch,");
        text.AppendLine("20 epochs of batches of 32, into out/mnist.");
        text.AppendLine();
        text.AppendLine("Options:");
        foreach (var option in Options)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  --{option.Name} {option.Value}");
            text.AppendLine(CultureInfo.InvariantCulture, $"      {option.Help}");
        }

        text.AppendLine("  --help");
        text.AppendLine("      this text.");
        text.AppendLine();
        text.AppendLine("Example: --optimizer adam --lr 0.001 --epochs 2 --batch 64 --seed 7 --threads 1 --out A");
        text.AppendLine("Resume:  --resume A --epochs 4   (continues A's run, with A's settings, to 4 epochs in total)");
        return text.ToString();
    }

    private static string Names(IEnumerable<string> names) => string.Join(", ", names);

    private static int Integer(string name, string value, int minimum, int maximum = int.MaxValue) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int result) && result >= minimum && result <= maximum
            ? result
            : throw new UsageException(
                maximum == int.MaxValue
                    ? minimum == int.MinValue
                        ? $"--{name} expects a whole number; got '{value}'."
                        : $"--{name} expects a whole number of at least {minimum}; got '{value}'."
                    : $"--{name} expects a whole number from {minimum} to {maximum}; got '{value}'.");

    private static float PositiveFloat(string name, string value) =>
        float.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out float result) && float.IsFinite(result) && result > 0f
            ? result
            : throw new UsageException($"--{name} expects a positive number; got '{value}'.");

    private static float NotNegativeFloat(string name, string value) =>
        float.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out float result) && float.IsFinite(result) && result >= 0f
            ? result
            : throw new UsageException($"--{name} expects a number of at least 0; got '{value}'.");

    private static double Fraction(string name, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double result) && result >= 0 && result < 1
            ? result
            : throw new UsageException($"--{name} expects a fraction in [0, 1); got '{value}'.");

    private static string NotEmpty(string name, string value) =>
        value.Length > 0 ? value : throw new UsageException($"--{name} expects a folder; got an empty value.");

    /// <summary>One option: its name, the placeholder of its value, its help, and how it sets the options.</summary>
    private sealed record Option(string Name, string Value, string Help, Func<RunOptions, string, RunOptions> Apply);
}
