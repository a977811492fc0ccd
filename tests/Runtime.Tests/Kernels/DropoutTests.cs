using System.Linq;
using Butterfly.Kernels;

namespace Butterfly.Runtime.Tests.Kernels;

/// <summary>The counter-based dropout mask: inverted scaling, its rate, and its dependence on the key alone.</summary>
public sealed class DropoutTests
{
    [Fact]
    public void Forward_keeps_with_the_hash_and_scales_by_one_over_one_minus_rate()
    {
        var x = Enumerable.Range(1, 1000).Select(i => (float)i).ToArray();
        var y = new float[x.Length];
        Dropout.Forward(x, y, 0.3f, seed: 5, step: 9, layer: 2);
        for (int i = 0; i < x.Length; i++)
        {
            float expected = Dropout.Keeps(0.3f, 5, 9, 2, i) ? x[i] * (1f / (1f - 0.3f)) : 0f;
            Assert.Equal(expected, y[i]);
        }
    }

    [Fact]
    public void Backward_uses_the_mask_forward_drew()
    {
        var ones = Enumerable.Repeat(1f, 500).ToArray();
        var forward = new float[500];
        var backward = new float[500];
        Dropout.Forward(ones, forward, 0.5f, 1, 2, 3);
        Dropout.Backward(ones, backward, 0.5f, 1, 2, 3);
        Assert.Equal(forward, backward);
    }

    [Fact]
    public void Drops_about_the_rate_and_changes_with_every_part_of_the_key()
    {
        int length = 100_000;
        var ones = Enumerable.Repeat(1f, length).ToArray();
        var first = new float[length];
        Dropout.Forward(ones, first, 0.25f, 7, 0, 1);
        double dropped = first.Count(v => v == 0f) / (double)length;
        Assert.InRange(dropped, 0.24, 0.26);

        foreach (var (seed, step, layer) in new[] { (8, 0L, 1), (7, 1L, 1), (7, 0L, 2) })
        {
            var other = new float[length];
            Dropout.Forward(ones, other, 0.25f, seed, step, layer);
            double same = first.Zip(other).Count(pair => pair.First == pair.Second) / (double)length;
            Assert.InRange(same, 0.55, 0.70); // independent masks agree on 0.75² + 0.25² = 62.5% of elements
        }
    }

    [Fact]
    public void Rate_zero_is_the_identity()
    {
        var x = new[] { 1f, -2f, 3.5f };
        var y = new float[3];
        Dropout.Forward(x, y, 0f, 1, 1, 1);
        Assert.Equal(x, y);
    }
}
