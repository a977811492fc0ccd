using System;
using System.Collections.Generic;
using System.Linq;

namespace Butterfly.Samples.Mnist;

/// <summary>An optimizer <c>--optimizer</c> can name.</summary>
/// <param name="Name">The command-line name.</param>
/// <param name="DefaultLearningRate">The rate used without <c>--lr</c>.</param>
/// <param name="Description">One line for <c>--help</c>.</param>
/// <param name="Create">Builds it from a learning rate and a weight decay (decoupled for AdamW, L2 for the rest).</param>
internal sealed record OptimizerChoice(string Name, float DefaultLearningRate, string Description, Func<float, float, Optimizer> Create)
{
    /// <summary>Every optimizer the sample offers.</summary>
    public static IReadOnlyList<OptimizerChoice> All { get; } =
    [
        new("sgd", 0.1f, "plain stochastic gradient descent", (rate, _) => new Sgd(rate)),
        new("momentum", 0.1f, "SGD with momentum 0.9", (rate, _) => new Sgd(rate, momentum: 0.9f)),
        new("nesterov", 0.1f, "SGD with Nesterov momentum 0.9", (rate, _) => new Sgd(rate, momentum: 0.9f, nesterov: true)),
        new("adagrad", 0.01f, "AdaGrad (Duchi et al. 2011)", (rate, _) => new AdaGrad(rate)),
        new("rmsprop", 0.001f, "RMSProp, rho 0.9 (Tieleman and Hinton 2012)", (rate, _) => new RmsProp(rate)),
        new("adadelta", 1f, "AdaDelta, rho 0.95 (Zeiler 2012)", (rate, _) => new AdaDelta(rate)),
        new("adam", 0.001f, "Adam, betas 0.9 and 0.999 (Kingma and Ba 2015)", (rate, _) => new Adam(rate)),
        new("adamw", 0.001f, "AdamW, decoupled weight decay (Loshchilov and Hutter 2019)", (rate, decay) => new AdamW(rate, weightDecay: decay)),
    ];

    /// <summary>Whether <c>--weight-decay</c> is the optimizer's own decoupled decay rather than an L2 penalty.</summary>
    public bool DecouplesWeightDecay => Name == "adamw";

    /// <summary>The optimizer called <paramref name="name"/>.</summary>
    /// <exception cref="UsageException">No optimizer has that name.</exception>
    public static OptimizerChoice Find(string name) =>
        All.FirstOrDefault(choice => choice.Name == name)
        ?? throw new UsageException($"--optimizer must be one of {string.Join(", ", All.Select(choice => choice.Name))} (got '{name}').");
}
