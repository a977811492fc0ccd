using System;
using System.Globalization;

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

    /// <summary>Trains only one network: "full" or "hsm" (both when null).</summary>
    public string? Only { get; init; }

    public bool Help { get; init; }

    public const string Usage =
        "Trains a word-level language model of the King James Bible twice, with a full and a hierarchical softmax.\n" +
        "usage: dotnet run -c Release --project samples/Language [-- options]\n" +
        "  --epochs N     epochs for each network (default 1)\n" +
        "  --lr X         learning rate, lowered each epoch, linearly toward a tenth (default 0.05)\n" +
        "  --batch N      samples per step (default 128)\n" +
        "  --optimizer R  adagrad or sgd, the rules with sparse steps (default adagrad)\n" +
        "  --seed N       weights, sample order and generated sentences (default 1)\n" +
        "  --only NAME    train only 'full' or 'hsm'\n" +
        "  --out DIR      where the weights and perplexity.png go (default out/language)\n";

    public static RunSettings Parse(string[] args)
    {
        var settings = new RunSettings();
        for (int i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            settings = args[i] switch
            {
                "--epochs" => settings with { Epochs = Positive(int.Parse(Value(), CultureInfo.InvariantCulture), "--epochs") },
                "--lr" => settings with { LearningRate = float.Parse(Value(), CultureInfo.InvariantCulture) },
                "--optimizer" => settings with { Optimizer = OneOf(Value(), "adagrad", "sgd") },
                "--batch" => settings with { BatchSize = Positive(int.Parse(Value(), CultureInfo.InvariantCulture), "--batch") },
                "--seed" => settings with { Seed = int.Parse(Value(), CultureInfo.InvariantCulture) },
                "--only" => settings with { Only = OneOf(Value(), "full", "hsm") },
                "--out" => settings with { Output = Value() },
                "--help" or "-h" => settings with { Help = true },
                _ => throw new ArgumentException($"Unknown option {args[i]}; see --help."),
            };
        }

        return settings;
    }

    private static string OneOf(string value, params string[] allowed) =>
        Array.IndexOf(allowed, value) >= 0 ? value : throw new ArgumentException($"The value must be one of: {string.Join(", ", allowed)}.");

    private static int Positive(int value, string name) => value > 0 ? value : throw new ArgumentException($"{name} must be positive.");
}
