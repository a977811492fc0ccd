using System;
using System.Linq;

namespace Butterfly.Runtime.Tests.Language;

public sealed class ClassTreeTests
{
    [Theory]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(8)]
    [InlineData(1000)]
    public void Balanced_paths_have_floor_or_ceiling_of_log2_decisions(int classes)
    {
        var tree = ClassTree.Balanced(classes);
        int floor = (int)Math.Floor(Math.Log2(classes)), ceiling = (int)Math.Ceiling(Math.Log2(classes));
        var depths = Enumerable.Range(0, classes).Select(tree.Depth).ToArray();
        Assert.All(depths, d => Assert.InRange(d, floor, ceiling));
        Assert.Equal(1.0, depths.Sum(d => Math.Pow(2, -d)), 9); // Kraft equality: a full binary tree
    }

    [Fact]
    public void Huffman_gives_the_textbook_code_lengths()
    {
        // Counts 45, 13, 12, 16, 9, 5 (CLRS's example): code lengths 1, 3, 3, 3, 4, 4.
        var tree = ClassTree.Huffman([45, 13, 12, 16, 9, 5]);
        Assert.Equal([1, 3, 3, 3, 4, 4], Enumerable.Range(0, 6).Select(tree.Depth).ToArray());
    }

    [Fact]
    public void Huffman_expected_depth_is_within_one_bit_of_the_entropy()
    {
        var random = new SeededRandom(3);
        long[] counts = Enumerable.Range(1, 500).Select(rank => (long)(100000 / rank) + random.NextInt32(5)).ToArray();
        var tree = ClassTree.Huffman(counts);
        double total = counts.Sum();
        double entropy = counts.Sum(c => -(c / total) * Math.Log2(c / total));
        double expected = Enumerable.Range(0, counts.Length).Sum(c => counts[c] / total * tree.Depth(c));
        Assert.InRange(expected, entropy, entropy + 1);
        Assert.True(tree.Depth(0) < tree.Depth(counts.Length - 1), "the most frequent class has a shorter path than the rarest");
    }

    [Fact]
    public void Block_round_trip_keeps_the_tree_and_rejects_a_non_tree()
    {
        var tree = ClassTree.Huffman([5, 1, 1, 2, 0, 7, 3]);
        var block = new float[2 * 7 - 2];
        tree.CopyTo(block);
        Assert.True(ClassTree.FromBlock(block, 7).SameAs(tree));

        var twoLeftChildren = (float[])block.Clone();
        twoLeftChildren[1] = twoLeftChildren[0];
        Assert.Throws<ArgumentException>(() => ClassTree.FromBlock(twoLeftChildren, 7));
        var cycle = (float[])block.Clone();
        cycle[7] = 0; // inner node 0 as its own parent's child
        Assert.Throws<ArgumentException>(() => ClassTree.FromBlock(cycle, 7));
        Assert.Throws<ArgumentOutOfRangeException>(() => ClassTree.Balanced(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => ClassTree.Huffman([3, -1]));
    }

    [Fact]
    public void Path_lists_the_decisions_up_to_the_root()
    {
        var tree = ClassTree.Balanced(4); // (0, 1) -> 0, (2, 3) -> 1, (0', 1') -> 2, the root
        Assert.Equal([(0, false), (2, false)], tree.Path(0));
        Assert.Equal([(1, true), (2, true)], tree.Path(3));
    }

    private static float[] RandomFeatures(int classes, int dimensions, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, classes * dimensions).Select(_ => (float)random.NextDouble()).ToArray();
    }

    [Fact]
    public void Clustered_puts_similar_classes_on_the_same_side_of_the_root()
    {
        // Even classes sit near (1, 0), odd ones near (-1, 0), with small differences in the second feature.
        const int classes = 16;
        var features = new float[classes * 2];
        for (int c = 0; c < classes; c++)
        {
            features[2 * c] = c % 2 == 0 ? 1f : -1f;
            features[2 * c + 1] = 0.01f * c;
        }

        var counts = Enumerable.Repeat(10L, classes).ToArray();
        var tree = ClassTree.Clustered(features, 2, counts);
        bool RootSide(int c) => tree.Path(c)[^1].Right;
        Assert.All(Enumerable.Range(0, classes), c => Assert.Equal(RootSide(0) == (c % 2 == 0), RootSide(c)));
        Assert.All(Enumerable.Range(0, classes), c => Assert.Equal(4, tree.Depth(c)));
    }

    [Fact]
    public void Clustered_is_a_tree_that_keeps_frequent_classes_near_the_root()
    {
        const int classes = 500, dimensions = 8;
        var features = RandomFeatures(classes, dimensions, seed: 1);
        var counts = Enumerable.Range(1, classes).Select(rank => (long)(100_000 / rank)).ToArray();
        var tree = ClassTree.Clustered(features, dimensions, counts);

        var depths = Enumerable.Range(0, classes).Select(tree.Depth).ToArray();
        Assert.Equal(1.0, depths.Sum(d => Math.Pow(2, -d)), 9);
        var block = new float[2 * classes - 2];
        tree.CopyTo(block);
        Assert.True(ClassTree.FromBlock(block, classes).SameAs(tree));
        Assert.True(ClassTree.Clustered(features, dimensions, counts).SameAs(tree));

        // Cutting where the two sides' counts are closest to equal keeps the expected path within two decisions of the
        // Huffman tree's here, whatever order the features put the classes in.
        double total = counts.Sum();
        double expected = Enumerable.Range(0, classes).Sum(c => counts[c] / total * depths[c]);
        var huffman = ClassTree.Huffman(counts);
        double optimal = Enumerable.Range(0, classes).Sum(c => counts[c] / total * huffman.Depth(c));
        Assert.InRange(expected, optimal, optimal + 2);
    }

    [Fact]
    public void Clustered_rejects_features_that_do_not_fit()
    {
        var counts = new long[] { 1, 2, 3 };
        Assert.Equal("features", Assert.Throws<ArgumentException>(() => ClassTree.Clustered(new float[5], 2, counts)).ParamName);
        var nan = new float[6];
        nan[4] = float.NaN;
        var notFinite = Assert.Throws<ArgumentException>(() => ClassTree.Clustered(nan, 2, counts));
        Assert.Contains("features[4]", notFinite.Message);
        Assert.Equal("dimensions", Assert.Throws<ArgumentOutOfRangeException>(() => ClassTree.Clustered(new float[6], 0, counts)).ParamName);
        Assert.Equal("counts", Assert.Throws<ArgumentOutOfRangeException>(() => ClassTree.Clustered(new float[6], 2, new long[] { 1, -1, 3 })).ParamName);
        Assert.Equal("counts", Assert.Throws<ArgumentOutOfRangeException>(() => ClassTree.Clustered(new float[1], 1, new long[] { 1 })).ParamName);
    }
}
