using System;
using System.Diagnostics;

namespace Butterfly.Samples.EmbeddedInference;

/// <summary>One embedded model's result on the test set: correct images, accuracy in percent, microseconds per image.</summary>
internal readonly record struct TestRun(int Correct, double Accuracy, double Microseconds)
{
    /// <summary>Classifies every image three times and keeps the fastest pass (the first also warms the caches).</summary>
    public static TestRun Of(Dataset test, SamplePrediction predict)
    {
        int correct = 0;
        double best = double.MaxValue;
        for (int pass = 0; pass < 3; pass++)
        {
            long start = Stopwatch.GetTimestamp();
            correct = Evaluation.CountCorrect(test, predict, 10);
            best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalMicroseconds / test.Count);
        }

        return new TestRun(correct, 100.0 * correct / test.Count, best);
    }
}
