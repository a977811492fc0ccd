using System;

namespace Butterfly.Bench;

/// <summary>Synthetic inputs: timing does not depend on the values, so no data set is read.</summary>
internal static class BenchData
{
    /// <summary><paramref name="count"/> floats uniform on [0, 1), like scaled pixels.</summary>
    public static float[] Uniform(Random random, int count)
    {
        var values = new float[count];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = random.NextSingle();
        }

        return values;
    }

    /// <summary><paramref name="count"/> class labels in [0, <paramref name="classes"/>).</summary>
    public static int[] Labels(Random random, int count, int classes)
    {
        var labels = new int[count];
        for (int i = 0; i < labels.Length; i++)
        {
            labels[i] = random.Next(classes);
        }

        return labels;
    }
}
