using System;
using System.Collections.Generic;

namespace Butterfly;

/// <summary>
/// The binary tree of a hierarchical softmax: <see cref="Classes"/> leaves (nodes <c>0 .. K-1</c>, one per class) and
/// <c>K - 1</c> inner nodes (node <c>K + i</c> is inner node <c>i</c>, whose decision has weight row <c>i</c>); the last inner
/// node is the root. Every inner node has two children and a smaller index than its parent, so a walk over inner nodes
/// from the last down visits parents before children. <see cref="Huffman"/> builds it from class counts (frequent
/// classes get short paths: the expected path length is minimal, at most one more than the counts' entropy in bits);
/// <see cref="Balanced"/> gives every class a path of <c>floor(log2 K)</c> or <c>ceil(log2 K)</c> decisions;
/// <see cref="Clustered"/> puts classes with similar features under the same inner nodes.
/// </summary>
/// <remarks>
/// In a network the tree is stored in the parameter buffer as a <see cref="ParameterRole.Structure"/> block of
/// <c>2K - 2</c> floats, one per node but the root: <c>2 parent + side</c>, with <c>parent</c> the parent's inner index and
/// <c>side</c> 0 for the left child (probability <c>σ(s)</c>) and 1 for the right (<c>σ(-s)</c>). Every value is a whole number
/// below 2^24, which a float holds exactly, so weights files and checkpoints carry the tree with the weights.
/// </remarks>
public sealed class ClassTree
{
    private readonly int[] _codes;

    private ClassTree(int classes, int[] codes)
    {
        Classes = classes;
        _codes = codes;
    }

    /// <summary>The number of classes (leaves).</summary>
    public int Classes { get; }

    /// <summary>Inner nodes: <c>Classes - 1</c>.</summary>
    public int InnerNodes => Classes - 1;

    /// <summary>
    /// The Huffman tree of <paramref name="counts"/> (Huffman 1952), as word2vec builds it for its hierarchical softmax: the
    /// two least frequent subtrees merge until one is left, the less frequent becoming the left child. Ties go to the
    /// lower class index (then to the earlier merged subtree), so the same counts always give the same tree.
    /// </summary>
    /// <param name="counts">One count per class, not negative; at least 2 classes, at most 2^23.</param>
    public static ClassTree Huffman(ReadOnlySpan<long> counts)
    {
        int classes = counts.Length;
        CheckClasses(classes, nameof(counts));
        CheckCounts(counts);
        var leaves = new int[classes];
        for (int c = 0; c < classes; c++)
        {
            leaves[c] = c;
        }

        var weight = new long[2 * classes - 1];
        counts.CopyTo(weight);
        Array.Sort(leaves, (a, b) => weight[a] != weight[b] ? weight[a].CompareTo(weight[b]) : a.CompareTo(b));

        // The two-queue construction: merged subtrees come out in nondecreasing weight, so a FIFO keeps them sorted and
        // the smallest of all is at the head of one of the two queues. O(K) after the sort.
        var codes = new int[2 * classes - 2];
        int nextLeaf = 0, mergedHead = classes, mergedTail = classes;
        for (int inner = 0; inner < classes - 1; inner++)
        {
            int node = classes + inner;
            for (int side = 0; side < 2; side++)
            {
                int child;
                if (mergedHead == mergedTail || (nextLeaf < classes && weight[leaves[nextLeaf]] <= weight[mergedHead]))
                {
                    child = leaves[nextLeaf++];
                }
                else
                {
                    child = mergedHead++;
                }

                codes[child] = 2 * inner + side;
                weight[node] = checked(weight[node] + weight[child]);
            }

            mergedTail++;
        }

        return new ClassTree(classes, codes);
    }

    /// <summary>
    /// A balanced tree: the Huffman tree of equal counts, which pairs classes <c>(0, 1), (2, 3), ...</c>, then the pairs, and
    /// so on, so every path has <c>floor(log2 K)</c> or <c>ceil(log2 K)</c> decisions.
    /// </summary>
    /// <param name="classes">At least 2, at most 2^23.</param>
    public static ClassTree Balanced(int classes)
    {
        CheckClasses(classes, nameof(classes));
        var counts = new long[classes];
        counts.AsSpan().Fill(1);
        return Huffman(counts);
    }

    /// <summary>
    /// A tree in which classes with similar <paramref name="features"/> share most of their path, while the expected
    /// path stays close to the Huffman tree's (frequent classes are kept near the root): from the root down, a node's classes are ordered along the direction in which their
    /// features vary most (its count-weighted principal direction) and cut where the counts on the two sides are closest
    /// to equal. For words, features that describe the contexts a word follows put words a model would confuse under
    /// the same inner nodes, whose decisions it can then learn; the language sample builds them from the preceding
    /// words. The same inputs always give the same tree.
    /// </summary>
    /// <param name="features">One row of <paramref name="dimensions"/> finite floats per class, one class after another.</param>
    /// <param name="dimensions">Floats per class; positive.</param>
    /// <param name="counts">One count per class, not negative; at least 2 classes, at most 2^23.</param>
    public static ClassTree Clustered(ReadOnlySpan<float> features, int dimensions, ReadOnlySpan<long> counts)
    {
        int classes = counts.Length;
        CheckClasses(classes, nameof(counts));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimensions);
        if (features.Length != (long)classes * dimensions)
        {
            throw new ArgumentException($"{classes} classes of {dimensions} features are {(long)classes * dimensions} floats, not {features.Length}.", nameof(features));
        }

        CheckCounts(counts);
        for (int i = 0; i < features.Length; i++)
        {
            if (!float.IsFinite(features[i]))
            {
                throw new ArgumentException($"features[{i}] is {features[i]}; features must be finite numbers.", nameof(features));
            }
        }

        return new ClassTree(classes, PrincipalDirectionSplits.Codes(features, dimensions, counts));
    }

    /// <summary>
    /// Reads a tree from its <see cref="ParameterRole.Structure"/> block (see the remarks), checking that it is one: every
    /// value a whole number, every inner node with exactly two children and a parent of higher index.
    /// </summary>
    /// <exception cref="ArgumentException">The values do not describe a tree over <paramref name="classes"/> classes.</exception>
    public static ClassTree FromBlock(ReadOnlySpan<float> block, int classes)
    {
        CheckClasses(classes, nameof(classes));
        if (block.Length != 2 * classes - 2)
        {
            throw new ArgumentException($"A tree over {classes} classes is {2 * classes - 2} floats, not {block.Length}.", nameof(block));
        }

        var codes = new int[block.Length];
        var children = new int[(classes - 1) * 2];
        children.AsSpan().Fill(-1);
        for (int node = 0; node < block.Length; node++)
        {
            float value = block[node];
            int parent = (int)value >> 1;
            if (!(value >= 0f && value < 2f * (classes - 1)) || value != MathF.Floor(value) || (node >= classes && parent <= node - classes))
            {
                throw new ArgumentException($"block[{node}] is {value}, which is not the code of a parent (2 parent + side, parent above the node).", nameof(block));
            }

            int code = (int)value;
            if (children[code] >= 0)
            {
                throw new ArgumentException($"Nodes {children[code]} and {node} are both side {code & 1} of inner node {code >> 1}.", nameof(block));
            }

            children[code] = node;
            codes[node] = code;
        }

        // Every inner node has two children (2K - 2 codes filled all 2K - 2 slots) and each parent is above its children, so
        // following parents from any node reaches the root: it is a tree.
        return new ClassTree(classes, codes);
    }

    /// <summary>Writes the tree into its <see cref="ParameterRole.Structure"/> block of <c>2 Classes - 2</c> floats.</summary>
    public void CopyTo(Span<float> block)
    {
        if (block.Length != _codes.Length)
        {
            throw new ArgumentException($"The tree over {Classes} classes is {_codes.Length} floats; block holds {block.Length}.", nameof(block));
        }

        for (int i = 0; i < _codes.Length; i++)
        {
            block[i] = _codes[i];
        }
    }

    /// <summary>The number of decisions on the path from the root to <paramref name="classIndex"/>'s leaf.</summary>
    public int Depth(int classIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(classIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(classIndex, Classes);
        int depth = 0;
        int root = 2 * Classes - 2;
        for (int node = classIndex; node != root; node = Classes + (_codes[node] >> 1))
        {
            depth++;
        }

        return depth;
    }

    /// <summary>
    /// The decisions on <paramref name="classIndex"/>'s path, from its leaf up to the root: each inner node's index and
    /// whether the path goes right (<c>σ(-s)</c>) there.
    /// </summary>
    public IReadOnlyList<(int InnerNode, bool Right)> Path(int classIndex)
    {
        int depth = Depth(classIndex);
        var path = new (int, bool)[depth];
        int node = classIndex;
        for (int i = 0; i < depth; i++)
        {
            path[i] = (_codes[node] >> 1, (_codes[node] & 1) == 1);
            node = Classes + (_codes[node] >> 1);
        }

        return path;
    }

    /// <summary>Whether two trees are the same, node for node.</summary>
    public bool SameAs(ClassTree other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Classes == other.Classes && _codes.AsSpan().SequenceEqual(other._codes);
    }

    private static void CheckCounts(ReadOnlySpan<long> counts)
    {
        for (int c = 0; c < counts.Length; c++)
        {
            if (counts[c] < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(counts), counts[c], $"counts[{c}] is {counts[c]}; counts must not be negative.");
            }
        }
    }

    private static void CheckClasses(int classes, string name)
    {
        // Codes go up to 2 (K - 2) + 1, which must stay below 2^24 to be exact in a float.
        if (classes < 2 || classes > 1 << 23)
        {
            throw new ArgumentOutOfRangeException(name, classes, $"A class tree needs between 2 and {1 << 23} classes (got {classes}).");
        }
    }
}
