using System;
using System.Collections.Generic;
using System.Linq;

namespace Butterfly.Samples.Mnist;

/// <summary>A network <c>--network</c> can name: how to build it from a seed.</summary>
/// <param name="Name">The command-line name, also the stem of the weights file.</param>
/// <param name="Description">One line for <c>--help</c>.</param>
/// <param name="Create">Builds the network with weights initialized from a seed.</param>
/// <param name="Defaults">
/// Options, as the command line writes them, that this network trains with unless the command line says otherwise.
/// </param>
/// <param name="Job">A job of the network's own in place of the ordinary training run; null for the ordinary run.</param>
internal sealed record NetworkChoice(
    string Name,
    string Description,
    Func<int, INetwork> Create,
    IReadOnlyList<string> Defaults,
    Func<RunOptions, TrainingDisplay, int>? Job = null)
{
    /// <summary>Every network the sample trains; a new one is one more line here.</summary>
    public static IReadOnlyList<NetworkChoice> All { get; } =
    [
        new("mlp", "784-100 sigmoid-10 softmax, the founding article's network", seed => new MnistMlp(seed), []),
        new(
            "cnn",
            "LeNet-style: conv 5x5 16 relu maxpool, conv 5x5 32 relu maxpool, 128 relu dropout 0.5, 10 softmax; trains by default with adam, lr 0.001, cosine schedule, 12 epochs, batch 64",
            seed => new MnistCnn(seed),
            ["--optimizer", "adam", "--lr", "0.001", "--schedule", "cosine", "--epochs", "12", "--batch", "64"]),
        new(
            "resnet",
            "two residual blocks of 3x3 same-padded convs (16, then 32 channels) added back to their named input, maxpool between, global average pooling, 10 softmax (the bench's W8/W9 network); trains by default with adam, lr 0.003, cosine schedule, 15 epochs, batch 64, training images shifted by up to 2 pixels",
            seed => new MnistResNet(seed),
            ["--optimizer", "adam", "--lr", "0.003", "--schedule", "cosine", "--epochs", "15", "--batch", "64", "--shift", "2"]),
        new(
            "dbn",
            "784-500 sigmoid-500 sigmoid-10 softmax, its hidden layers pretrained as a deep belief net (two RBMs, CD-1), then fine-tuned, beside the same network fine-tuned from a random start; writes rbm-filters.png and rbm-samples.png; fine-tunes by default with momentum, lr 0.1, cosine schedule, 30 epochs, batch 50, training images shifted by up to 1 pixel",
            seed => new MnistDbn(seed),
            ["--optimizer", "momentum", "--lr", "0.1", "--schedule", "cosine", "--epochs", "30", "--batch", "50", "--shift", "1"],
            DeepBeliefRun.Execute),
    ];

    /// <summary>The network called <paramref name="name"/>.</summary>
    /// <exception cref="UsageException">No network has that name.</exception>
    public static NetworkChoice Find(string name) =>
        All.FirstOrDefault(choice => choice.Name == name)
        ?? throw new UsageException($"--network must be one of {string.Join(", ", All.Select(choice => choice.Name))} (got '{name}').");
}
