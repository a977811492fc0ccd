using System;
using System.Collections.Generic;
using System.Numerics.Tensors;

namespace Butterfly;

/// <summary>
/// Builds a class tree top-down from a feature vector per class, so that classes with similar features share most of
/// their path (principal direction divisive partitioning, Boley 1998): a node's classes are ordered by their position
/// along the direction in which their features vary most, then cut where the two sides' counts are closest to equal
/// (as Shannon-Fano coding cuts), which keeps the expected path near the Huffman tree's. A hierarchical softmax learns each inner
/// node's decision from the context; when the classes on either side of it tend to follow different contexts, that
/// decision is one a model can learn, where a tree built from counts alone asks it to separate unrelated words (Mnih
/// and Hinton 2008 measured how much a tree of similar words gains over a random one).
/// </summary>
internal static class PrincipalDirectionSplits
{
    /// <summary>Power-iteration rounds per node: enough to find the leading direction's side of the data.</summary>
    private const int Rounds = 24;

    /// <summary>The parent codes (<c>2 parent + side</c> per node but the root) of the tree; see <see cref="ClassTree"/>.</summary>
    public static int[] Codes(ReadOnlySpan<float> features, int dimensions, ReadOnlySpan<long> counts)
    {
        int classes = counts.Length;
        var codes = new int[2 * classes - 2];
        var mass = new double[classes];
        for (int c = 0; c < classes; c++)
        {
            // One more than the count, so that a class never seen still weighs something and the cut stays defined.
            mass[c] = counts[c] + 1.0;
        }

        var order = new int[classes];
        for (int c = 0; c < classes; c++)
        {
            order[c] = c;
        }

        var mean = new float[dimensions];
        var direction = new float[dimensions];
        var next = new float[dimensions];
        var centered = new float[dimensions];
        var position = new float[classes];

        // Inner nodes are numbered from the root (K - 2) down as they are made, so each child's number is below its parent's.
        int nextInner = classes - 2;
        var pending = new Stack<(int Start, int Length, int Code)>();
        pending.Push((0, classes, -1));
        while (pending.Count > 0)
        {
            var (start, length, code) = pending.Pop();
            int inner = nextInner--;
            if (code >= 0)
            {
                codes[classes + inner] = code;
            }

            var members = order.AsSpan(start, length);
            int cut = length == 2 ? 1 : Split(features, dimensions, members, mass, mean, direction, next, centered, position);
            for (int side = 0; side < 2; side++)
            {
                var part = side == 0 ? members[..cut] : members[cut..];
                int childCode = 2 * inner + side;
                if (part.Length == 1)
                {
                    codes[part[0]] = childCode;
                }
                else
                {
                    pending.Push((start + (side == 0 ? 0 : cut), part.Length, childCode));
                }
            }
        }

        return codes;
    }

    /// <summary>Orders <paramref name="members"/> along their leading direction and returns where to cut them (1 to length − 1).</summary>
    private static int Split(
        ReadOnlySpan<float> features, int dimensions, Span<int> members, double[] mass,
        float[] mean, float[] direction, float[] next, float[] centered, float[] position)
    {
        // The count-weighted mean.
        Array.Clear(mean);
        double total = 0;
        foreach (int c in members)
        {
            TensorPrimitives.MultiplyAdd(features.Slice(c * dimensions, dimensions), (float)mass[c], mean, mean);
            total += mass[c];
        }

        TensorPrimitives.Multiply(mean, (float)(1 / total), mean);

        // Power iteration on the weighted covariance, from a fixed start so that the same features give the same tree.
        for (int d = 0; d < dimensions; d++)
        {
            direction[d] = 1f / (1 + d);
        }

        for (int round = 0; round < Rounds; round++)
        {
            Array.Clear(next);
            foreach (int c in members)
            {
                TensorPrimitives.Subtract(features.Slice(c * dimensions, dimensions), mean, centered);
                float along = TensorPrimitives.Dot(centered, direction);
                TensorPrimitives.MultiplyAdd(centered, (float)(mass[c] * along), next, next);
            }

            float norm = TensorPrimitives.Norm(next);
            if (!(norm > 0))
            {
                break;
            }

            TensorPrimitives.Multiply(next, 1 / norm, direction);
        }

        foreach (int c in members)
        {
            TensorPrimitives.Subtract(features.Slice(c * dimensions, dimensions), mean, centered);
            position[c] = TensorPrimitives.Dot(centered, direction);
        }

        // Ties (identical features, or none) keep the class order, so the tree does not depend on the sort's whims.
        members.Sort((a, b) => position[a] != position[b] ? position[a].CompareTo(position[b]) : a.CompareTo(b));

        double left = 0;
        int best = 1;
        double bestGap = double.MaxValue;
        for (int cut = 1; cut < members.Length; cut++)
        {
            left += mass[members[cut - 1]];
            double gap = Math.Abs(total - 2 * left);
            if (gap < bestGap)
            {
                bestGap = gap;
                best = cut;
            }
        }

        return best;
    }
}
