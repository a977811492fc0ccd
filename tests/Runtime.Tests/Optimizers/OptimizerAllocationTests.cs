using System;
using System.Collections.Generic;

namespace Butterfly.Runtime.Tests.Optimizers;

[Collection(AllocationCounting.Name)]
public sealed class OptimizerAllocationTests
{
    public static TheoryData<string> Names => ["sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adadelta", "adam", "adamw"];

    [Theory]
    [MemberData(nameof(Names))]
    public void Steps_after_the_first_allocate_nothing(string name)
    {
        foreach (bool regularized in new[] { false, true })
        {
            var optimizer = Create(name);
            if (regularized)
            {
                optimizer.Regularization = new Regularization { Weights = new Penalty(L2: 1e-3f, L1: 1e-4f), Biases = new Penalty(L2: 1e-4f) };
                optimizer.MaxGradientNorm = 0.5f;
            }

            var parameters = new float[1003];
            var gradients = new float[1003];
            for (int i = 0; i < gradients.Length; i++)
            {
                parameters[i] = MathF.Sin(i);
                gradients[i] = MathF.Cos(i);
            }

            ParameterBlock[] blocks = [new("w", 0, 1000, ParameterRole.Weight), new("b", 1000, 3, ParameterRole.Bias)];
            Allocations.AssertNone(() => optimizer.Step(parameters, gradients, blocks), calls: 20);
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Restored_state_continues_exactly(string name)
    {
        var gradients = new List<float[]>();
        for (int step = 0; step < 6; step++)
        {
            gradients.Add([MathF.Sin(step), MathF.Cos(step * 3), 0.5f - step * 0.1f]);
        }

        var straight = Create(name);
        float[] a = [1f, -2f, 0.5f];
        foreach (var g in gradients)
        {
            straight.Step(a, g, default);
        }

        var first = Create(name);
        float[] b = [1f, -2f, 0.5f];
        for (int step = 0; step < 3; step++)
        {
            first.Step(b, gradients[step], default);
        }

        var state = new List<float[]>();
        for (int i = 0; i < first.StateBufferCount; i++)
        {
            state.Add(first.GetState(i).ToArray());
        }

        var second = Create(name);
        second.RestoreState(first.StepCount, state);
        for (int step = 3; step < 6; step++)
        {
            second.Step(b, gradients[step], default);
        }

        Assert.Equal(a, b);
        Assert.Equal(6, second.StepCount);
    }

    [Fact]
    public void Optimizer_state_belongs_to_one_parameter_count()
    {
        var adam = new Adam();
        adam.Step(new float[3], new float[3], default);
        var error = Assert.Throws<ArgumentException>("parameters", () => adam.Step(new float[4], new float[4], default));
        Assert.Contains("one optimizer per network", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>("state", () => new Adam().RestoreState(3, [new float[3]]));
    }

    internal static Optimizer Create(string name) => name switch
    {
        "sgd" => new Sgd(0.1f),
        "momentum" => new Sgd(0.1f, momentum: 0.9f),
        "nesterov" => new Sgd(0.1f, momentum: 0.9f, nesterov: true),
        "adagrad" => new AdaGrad(0.1f),
        "rmsprop" => new RmsProp(0.01f),
        "adadelta" => new AdaDelta(),
        "adam" => new Adam(0.01f),
        "adamw" => new AdamW(0.01f, weightDecay: 0.1f),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "not an optimizer name"),
    };
}
