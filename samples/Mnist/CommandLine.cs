using System;
using System.Collections.Generic;
using System.CommandLine;
using System.CommandLine.Invocation;
using System.Globalization;
using System.IO;
using System.Linq;

namespace Butterfly.Samples.Mnist;

/// <summary>
/// The sample's command line, on System.CommandLine: the training options, which read into <see cref="RunOptions"/>,
/// and the <c>export</c> command. Each training option is one row of <see cref="Rows"/>, which also gives its
/// <c>--help</c> line, so adding an option is adding a row. System.CommandLine writes the help, suggests the nearest
/// option for a misspelled one, and completes names in shells set up for it (dotnet-suggest).
/// </summary>
internal static class CommandLine
{
    private static readonly Row[] Rows =
    [
        new("network", "NAME", $"the network to train: {Names(NetworkChoice.All.Select(n => $"{n.Name} ({n.Description})"))}. Default mlp.",
            (o, v) => o with { Network = NetworkChoice.Find(v).Name }, NetworkChoice.All.Select(n => n.Name)),
        new("optimizer", "NAME", $"{Names(OptimizerChoice.All.Select(c => c.Name))}. Default momentum.",
            (o, v) => o with { Optimizer = OptimizerChoice.Find(v).Name }, OptimizerChoice.All.Select(c => c.Name)),
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
        new("shift", "PIXELS", "move each training image by a random 0 to PIXELS pixels in each direction, drawn afresh at every step (data augmentation; the test set is never moved). Default 0.",
            (o, v) => o with { Shift = Integer("shift", v, 0, 27) }),
        new("validation", "FRACTION", "hold out this share of the training set, by a seeded draw, to validate on. Default 0.",
            (o, v) => o with { Validation = Fraction("validation", v) }),
        new("patience", "EPOCHS", "stop when the validation loss has not improved for this many epochs, and keep the best weights; needs --validation. Default 0 (never stop early).",
            (o, v) => o with { Patience = Integer("patience", v, 0) }),
    ];

    /// <summary>
    /// Runs the command line: trains (<paramref name="train"/>), exports, or shows help. Exit codes: 0 done, 2 a usage
    /// error (an unknown or misspelled option, a missing or out-of-range value, with the error on standard error),
    /// and whatever the command returns.
    /// </summary>
    /// <exception cref="UsageException">A value the command's own checks reject, such as <c>--epochs 0</c>.</exception>
    public static int Run(IReadOnlyList<string> args, Func<RunOptions, IReadOnlySet<string>, int> train, TextWriter output, TextWriter error)
    {
        var (root, options) = Root();
        root.SetAction(parsed =>
        {
            var (read, given) = Read(parsed, options);
            return train(read, given);
        });

        // The program reports an exception in its own words and exit code, so System.CommandLine's handler stays off. A
        // parse error prints the error and the nearest options, not the whole help.
        var result = root.Parse(args);
        if (result.Action is ParseErrorAction parseError)
        {
            parseError.ShowHelp = false;
        }

        int code = result.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false, Output = output, Error = error });
        return result.Errors.Count > 0 ? 2 : code;
    }

    /// <summary>Reads <paramref name="args"/> as training options, as a resumed run re-reads its saved settings.</summary>
    /// <returns>The options, and the names of those the command line gave.</returns>
    /// <exception cref="UsageException">An unknown option, a missing value or a value out of range.</exception>
    public static (RunOptions Options, IReadOnlySet<string> Given) Parse(IReadOnlyList<string> args)
    {
        var (root, options) = Root();
        root.SetAction(_ => 0);
        var result = root.Parse(args);
        if (result.Errors.Count > 0)
        {
            throw new UsageException(result.Errors[0].Message);
        }

        return Read(result, options);
    }

    /// <summary>The root command, with an option for each row, and <c>export</c>.</summary>
    private static (RootCommand Root, IReadOnlyDictionary<Row, Option<string>> Options) Root()
    {
        var options = Rows.ToDictionary(row => row, row => row.ToOption());
        var root = new RootCommand(
            "Trains a network on MNIST with Butterfly and saves its weights, a checkpoint and two charts. With no options it " +
            "runs the main job: mlp, SGD with momentum 0.9, lr 0.1 decayed by 0.85 per epoch, 20 epochs of batches of 32, " +
            "into out/mnist. Example: --optimizer adam --lr 0.001 --epochs 2 --batch 64 --seed 7 --threads 1 --out A. " +
            "Resume: --resume A --epochs 4 (continues A's run, with A's settings, to 4 epochs in total).");
        foreach (var option in options.Values)
        {
            root.Options.Add(option);
        }

        root.Subcommands.Add(ExportCommand.Create());
        return (root, options);
    }

    /// <summary>The options a parse gave, each applied by its row, then the network's defaults for the rest.</summary>
    private static (RunOptions Options, IReadOnlySet<string> Given) Read(ParseResult parsed, IReadOnlyDictionary<Row, Option<string>> rows)
    {
        var options = new RunOptions();
        var given = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (row, option) in rows)
        {
            if (parsed.GetResult(option) is { Implicit: false } && parsed.GetValue(option) is { } value)
            {
                given.Add(row.Name);
                options = row.Apply(options, value);
            }
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
                options = Rows.First(o => o.Name == name).Apply(options, defaults[i + 1]);
            }
        }

        return options;
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

    /// <summary>
    /// One option: its name, the placeholder of its value, its help, how it sets the options, and the values a shell may
    /// complete. Values are read as text and checked by <see cref="Apply"/>, whose messages say what was expected.
    /// </summary>
    private sealed record Row(string Name, string Value, string Help, Func<RunOptions, string, RunOptions> Apply, IEnumerable<string>? Completions = null)
    {
        public Option<string> ToOption()
        {
            var option = new Option<string>("--" + Name) { Description = Help, HelpName = Value };
            if (Completions is not null)
            {
                option.CompletionSources.Add(Completions.ToArray());
            }

            return option;
        }
    }
}
