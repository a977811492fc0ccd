namespace Butterfly.Runtime.Tests.Training;

/// <summary>Three Gaussian blobs in 4 dimensions, one per class: data a <see cref="TinyClassifier"/> can learn.</summary>
internal static class Blobs
{
    public static Dataset Create(int count, int seed, float spread = 0.6f)
    {
        var random = new SeededRandom(seed);
        var features = new float[count * 4];
        var labels = new int[count];
        for (int i = 0; i < count; i++)
        {
            int label = random.NextInt32(3);
            labels[i] = label;
            for (int d = 0; d < 4; d++)
            {
                float centre = d == label ? 1.5f : d == 3 ? -0.5f * label : 0f;
                features[i * 4 + d] = centre + spread * random.NextGaussian();
            }
        }

        return Dataset.WithLabels(features, 4, labels);
    }
}
