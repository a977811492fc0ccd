using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Butterfly.Runtime.Tests.Training;

public sealed class AugmentationTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("butterfly-augmentation-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>The bits that make <see cref="RandomShift.Apply"/> move by (<paramref name="down"/>, <paramref name="right"/>).</summary>
    private static ulong Bits(int down, int right, int maxPixels) => ((ulong)(uint)(right + maxPixels) << 32) | (uint)(down + maxPixels);

    /// <summary>The moved image, out of place, straight from the definition.</summary>
    private static float[] Moved(float[] image, int channels, int height, int width, int down, int right)
    {
        var moved = new float[image.Length];
        for (int c = 0; c < channels; c++)
        {
            for (int y = 0; y < height; y++)
            {
                for (int x = 0; x < width; x++)
                {
                    int sy = y - down, sx = x - right;
                    moved[(c * height + y) * width + x] = sy >= 0 && sy < height && sx >= 0 && sx < width ? image[(c * height + sy) * width + sx] : 0f;
                }
            }
        }

        return moved;
    }

    [Fact]
    public void Every_move_matches_the_definition_on_every_channel()
    {
        const int channels = 2, height = 5, width = 7, max = 2;
        var image = Enumerable.Range(1, channels * height * width).Select(i => (float)i).ToArray();
        var shift = new RandomShift(channels, height, width, max);
        for (int down = -max; down <= max; down++)
        {
            for (int right = -max; right <= max; right++)
            {
                var sample = (float[])image.Clone();
                shift.Apply(sample, Bits(down, right, max));
                Assert.Equal(Moved(image, channels, height, width, down, right), sample);
            }
        }
    }

    [Fact]
    public void A_batch_draws_every_move_and_the_same_moves_for_the_same_seed_and_step()
    {
        const int count = 400, max = 1;
        var shift = new RandomShift(1, 3, 3, max);
        var image = Enumerable.Range(1, 9).Select(i => (float)i).ToArray();
        float[] Batch(int seed, long step)
        {
            var batch = Enumerable.Repeat(image, count).SelectMany(x => x).ToArray();
            shift.ApplyToBatch(batch, 9, count, seed, step);
            return batch;
        }

        var first = Batch(seed: 3, step: 10);
        Assert.Equal(first, Batch(seed: 3, step: 10));
        Assert.NotEqual(first, Batch(seed: 3, step: 11));
        Assert.NotEqual(first, Batch(seed: 4, step: 10));

        var seen = new HashSet<string>();
        for (int b = 0; b < count; b++)
        {
            seen.Add(string.Join(",", first.Skip(b * 9).Take(9)));
        }

        // Nine distinct moves of an image with distinct pixels give nine distinct images; 400 draws miss one with
        // probability about 9 · (8/9)^400, below 1e-19.
        Assert.Equal(9, seen.Count);
    }

    [Fact]
    public void No_move_at_all_leaves_the_image()
    {
        var shift = new RandomShift(1, 4, 4, 0);
        var image = Enumerable.Range(0, 16).Select(i => (float)i).ToArray();
        var sample = (float[])image.Clone();
        shift.Apply(sample, ulong.MaxValue);
        Assert.Equal(image, sample);
    }

    [Fact]
    public void Bad_settings_and_data_name_the_argument()
    {
        Assert.Equal("channels", Assert.Throws<ArgumentOutOfRangeException>(() => new RandomShift(0, 28, 28, 2)).ParamName);
        Assert.Equal("maxPixels", Assert.Throws<ArgumentOutOfRangeException>(() => new RandomShift(1, 28, 28, -1)).ParamName);
        var tooFar = Assert.Throws<ArgumentOutOfRangeException>(() => new RandomShift(1, 3, 28, 3));
        Assert.Equal("maxPixels", tooFar.ParamName);
        Assert.Contains("height (3)", tooFar.Message);

        var trainer = new Trainer(new TinyClassifier(seed: 1), new Sgd(0.1f), new TrainerOptions { Augmentation = new RandomShift(1, 28, 28, 2) });
        var wrong = Assert.Throws<ArgumentException>(() => trainer.Fit(Blobs.Create(20, seed: 1)));
        Assert.Equal("train", wrong.ParamName);
        Assert.Contains("1 × 28 × 28 = 784", wrong.Message);
    }

    private static Trainer CreateTrainer(INetwork network, int epochs, Augmentation? augmentation) =>
        new(network, new Sgd(0.05f, momentum: 0.9f), new TrainerOptions { Epochs = epochs, BatchSize = 16, Seed = 7, Augmentation = augmentation });

    [Fact]
    public void Augmented_training_is_reproducible_changes_the_weights_and_resumes_to_the_same_bits()
    {
        var data = Blobs.Create(240, seed: 3);
        var shift = new RandomShift(1, 2, 2, 1);

        var plain = new TinyClassifier(seed: 11);
        CreateTrainer(plain, 4, augmentation: null).Fit(data);
        var straight = new TinyClassifier(seed: 11);
        CreateTrainer(straight, 4, shift).Fit(data);
        var again = new TinyClassifier(seed: 11);
        CreateTrainer(again, 4, shift).Fit(data);
        Assert.Equal(straight.Parameters.ToArray(), again.Parameters.ToArray());
        Assert.NotEqual(plain.Parameters.ToArray(), straight.Parameters.ToArray());

        var first = new TinyClassifier(seed: 11);
        var firstTrainer = CreateTrainer(first, 2, shift);
        firstTrainer.Fit(data);
        string path = Path.Combine(_folder, "run" + CheckpointFile.Extension);
        firstTrainer.CreateCheckpoint().Save(path);

        var resumed = new TinyClassifier(seed: 99);
        var resumedTrainer = CreateTrainer(resumed, 4, shift);
        resumedTrainer.Restore(Checkpoint.Load(path));
        resumedTrainer.Fit(data);
        Assert.Equal(straight.Parameters.ToArray(), resumed.Parameters.ToArray());

        var unaugmented = Assert.Throws<InvalidDataException>(() => CreateTrainer(new TinyClassifier(seed: 1), 4, augmentation: null).Restore(Checkpoint.Load(path)));
        Assert.Contains("augmentation", unaugmented.Message);
    }
}
