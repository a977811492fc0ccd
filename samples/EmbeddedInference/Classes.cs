using System;
using System.Diagnostics;

namespace Butterfly.Samples.EmbeddedInference;

/// <summary>One embedded model's result on the test set.</summary>
internal readonly record struct TestRun(int Correct, double Accuracy, double Microseconds);

/// <summary>A one-sample predict, as the generated <c>PredictEmbedded</c> methods are.</summary>
internal delegate void Predict(ReadOnlySpan<float> input, Span<float> output);

/// <summary>Class decisions and accuracy over the test set.</summary>
internal static class Classes
{
    /// <summary>The most probable class; the first on ties.</summary>
    public static int ArgMax(ReadOnlySpan<float> probabilities)
    {
        int best = 0;
        for (int c = 1; c < probabilities.Length; c++)
        {
            best = probabilities[c] > probabilities[best] ? c : best;
        }

        return best;
    }

    /// <summary>Accuracy in percent, and the best time per image of three passes (the first also warms caches).</summary>
    public static TestRun Evaluate(Dataset test, Predict predict)
    {
        Span<float> output = stackalloc float[10];
        int correct = 0;
        double best = double.MaxValue;
        for (int pass = 0; pass < 3; pass++)
        {
            correct = 0;
            long start = Stopwatch.GetTimestamp();
            for (int i = 0; i < test.Count; i++)
            {
                predict(test.Features.Slice(i * test.SampleLength, test.SampleLength), output);
                correct += ArgMax(output) == test.Labels[i] ? 1 : 0;
            }

            best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalMicroseconds / test.Count);
        }

        return new TestRun(correct, 100.0 * correct / test.Count, best);
    }
}
