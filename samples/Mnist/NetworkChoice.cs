using System;
using System.Collections.Generic;
using System.Linq;

namespace Butterfly.Samples.Mnist;

/// <summary>A network <c>--network</c> can name: how to build it from a seed.</summary>
/// <param name="Name">The command-line name, also the stem of the weights file.</param>
/// <param name="Description">One line for <c>--help</c>.</param>
/// <param name="Create">Builds the network with weights initialized from a seed.</param>
internal sealed record NetworkChoice(string Name, string Description, Func<int, INetwork> Create)
{
    /// <summary>Every network the sample trains; a new one is one more line here.</summary>
    public static IReadOnlyList<NetworkChoice> All { get; } =
    [
        new("mlp", "784-100 sigmoid-10 softmax, the founding article's network", seed => new MnistMlp(seed)),
    ];

    /// <summary>The network called <paramref name="name"/>.</summary>
    /// <exception cref="UsageException">No network has that name.</exception>
    public static NetworkChoice Find(string name) =>
        All.FirstOrDefault(choice => choice.Name == name)
        ?? throw new UsageException($"--network must be one of {string.Join(", ", All.Select(choice => choice.Name))} (got '{name}').");
}
