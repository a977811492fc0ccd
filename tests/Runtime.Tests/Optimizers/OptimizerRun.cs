using System;
using System.Collections.Generic;

namespace Butterfly.Runtime.Tests.Optimizers;

/// <summary>Drives an optimizer over a fixed sequence of gradients and compares it with a reference in double precision.</summary>
internal static class OptimizerRun
{
    /// <summary>The starting parameters every rule test uses.</summary>
    public static readonly double[] Start = [1.0, -2.0, 0.5];

    /// <summary>Three steps of gradients: mixed signs, a zero, and a change of sign.</summary>
    public static readonly double[][] Gradients =
    [
        [0.5, -1.0, 2.0],
        [0.25, 0.0, -1.5],
        [-0.75, 0.5, 1.0],
    ];

    /// <summary>The parameters after each step of <paramref name="optimizer"/>.</summary>
    public static List<float[]> Steps(Optimizer optimizer, ReadOnlySpan<ParameterBlock> blocks = default)
    {
        var parameters = Array.ConvertAll(Start, x => (float)x);
        var trace = new List<float[]>();
        foreach (var gradient in Gradients)
        {
            optimizer.Step(parameters, Array.ConvertAll(gradient, x => (float)x), blocks);
            trace.Add((float[])parameters.Clone());
        }

        return trace;
    }

    /// <summary>Asserts each step agrees with the reference to float precision.</summary>
    public static void AssertMatches(IReadOnlyList<double[]> expected, IReadOnlyList<float[]> actual, double tolerance = 2e-6)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int step = 0; step < expected.Count; step++)
        {
            for (int i = 0; i < expected[step].Length; i++)
            {
                double difference = Math.Abs(expected[step][i] - actual[step][i]);
                Assert.True(
                    difference <= tolerance * Math.Max(1.0, Math.Abs(expected[step][i])),
                    $"step {step + 1}, parameter {i}: expected {expected[step][i]:R}, got {actual[step][i]:R}");
            }
        }
    }
}
