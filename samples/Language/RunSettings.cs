using System;
using System.CommandLine;
using System.CommandLine.Invocation;

namespace Butterfly.Samples.Language;

/// <summary>The sample's options; both networks train with the same ones.</summary>
internal sealed record RunSettings
{
    public int Epochs { get; init; } = 1;

    public float LearningRate { get; init; } = 0.05f;

    public int BatchSize { get; init; } = 128;

    /// <summary>"sgd" or "adagrad": the two rules whose sparse steps touch only the rows a batch used.</summary>
    public string Optimizer { get; init; } = "adagrad";

    public int Seed { get; init; } = 1;

    public string Output { get; init; } = "out/language";

    /// <summary>The hierarchical softmax's tree: "clustered" (words that follow alike share paths) or "huffman" (counts only).</summary>
    public string Tree { get; init; } = "clustered";

    /// <summary>Trains only one network: "full" or "hsm" (both when null).</summary>
    public string? Only { get; init; }

    /// <summary>
    /// Reads <paramref name="args"/> with System.CommandLine (generated --help, suggestions for a misspelled option) and
    /// runs <paramref name="train"/> with the settings. Exit codes: 0 done, 2 a usage error, else what training returns.
    /// </summary>
    public static int Run(string[] args, Func<RunSettings, int> train)
    {
        var defaults = new RunSettings();
        Option<int> epochs = new("--epochs") { Description = "epochs for each network", HelpName = "N", DefaultValueFactory = _ => defaults.Epochs };
        Option<float> learningRate = new("--lr") { Description = "learning rate, lowered each epoch, linearly toward a tenth", HelpName = "X", DefaultValueFactory = _ => defaults.LearningRate };
        Option<int> batch = new("--batch") { Description = "samples per step", HelpName = "N", DefaultValueFactory = _ => defaults.BatchSize };
        Option<string> optimizer = new("--optimizer") { Description = "adagrad or sgd, the rules with sparse steps", HelpName = "RULE", DefaultValueFactory = _ => defaults.Optimizer };
        Option<int> seed = new("--seed") { Description = "weights, sample order and generated sentences", HelpName = "N", DefaultValueFactory = _ => defaults.Seed };
        Option<string> tree = new("--tree") { Description = "the hierarchical softmax's tree: clustered (words that follow alike share paths, frequent words short ones) or huffman (word counts only)", HelpName = "KIND", DefaultValueFactory = _ => defaults.Tree };
        Option<string?> only = new("--only") { Description = "train only 'full' or 'hsm'", HelpName = "NAME" };
        Option<string> output = new("--out") { Description = "where the weights and perplexity.png go", HelpName = "DIR", DefaultValueFactory = _ => defaults.Output };
        optimizer.AcceptOnlyFromAmong("adagrad", "sgd");
        only.AcceptOnlyFromAmong("full", "hsm");
        tree.AcceptOnlyFromAmong("clustered", "huffman");
        foreach (var positive in new[] { epochs, batch })
        {
            positive.Validators.Add(result =>
            {
                if (result.GetValueOrDefault<int>() < 1)
                {
                    result.AddError($"{positive.Name} must be a whole number of at least 1.");
                }
            });
        }

        learningRate.Validators.Add(result =>
        {
            if (!(result.GetValueOrDefault<float>() > 0) || !float.IsFinite(result.GetValueOrDefault<float>()))
            {
                result.AddError("--lr must be a positive number.");
            }
        });

        var root = new RootCommand("Trains a word-level language model of the King James Bible twice, with a full and a hierarchical softmax.")
        {
            epochs, learningRate, batch, optimizer, seed, tree, only, output,
        };
        root.SetAction(parsed => train(new RunSettings
        {
            Epochs = parsed.GetValue(epochs),
            LearningRate = parsed.GetValue(learningRate),
            BatchSize = parsed.GetValue(batch),
            Optimizer = parsed.GetValue(optimizer)!,
            Seed = parsed.GetValue(seed),
            Tree = parsed.GetValue(tree)!,
            Only = parsed.GetValue(only),
            Output = parsed.GetValue(output)!,
        }));

        var result = root.Parse(args);
        if (result.Action is ParseErrorAction parseError)
        {
            parseError.ShowHelp = false;
        }

        int code = result.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        return result.Errors.Count > 0 ? 2 : code;
    }
}
