using System;
using System.ComponentModel;
using System.Numerics.Tensors;

namespace Butterfly.Kernels;

/// <summary>
/// The hierarchical softmax over a <see cref="ClassTree"/> stored as its block of floats (<c>tree</c>): inner node
/// <c>n</c> scores <c>s_n = w_n · h + b_n</c> with row <c>n</c> of <c>weights[(K-1) × H]</c>, and sends a sample left with
/// probability <c>σ(s_n)</c>, right with <c>σ(-s_n)</c>; <c>P(c | h)</c> is the product along the path to leaf <c>c</c>. The
/// per-path work is a dot product or an update of <c>H</c> floats per node, vectorized across <c>H</c> by TensorPrimitives.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class HierarchicalSoftmax
{
    /// <summary><c>log P(label | h)</c> of one sample, in <c>O(depth × H)</c>.</summary>
    public static float LogProbability(ReadOnlySpan<float> hidden, int label, ReadOnlySpan<float> tree, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, int classes)
    {
        int h = hidden.Length;
        int root = 2 * classes - 2;
        float sum = 0f;
        for (int node = label; node != root;)
        {
            int code = (int)tree[node];
            int inner = code >> 1;
            float s = TensorPrimitives.Dot(hidden, weights.Slice(inner * h, h)) + bias[inner];
            sum += LogSigmoid((code & 1) == 0 ? s : -s);
            node = classes + inner;
        }

        return sum;
    }

    /// <summary><c>result[b] = log P(labels[b] | H[b, :])</c> for a batch, in <c>O(depth × H)</c> per sample.</summary>
    public static void LogProbabilities(
        ReadOnlySpan<float> hidden, ReadOnlySpan<int> labels, ReadOnlySpan<float> tree, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> result, int hiddenLength, int classes)
    {
        Arguments.InVocabulary(labels, classes, "labels");
        for (int b = 0; b < labels.Length; b++)
        {
            result[b] = LogProbability(hidden.Slice(b * hiddenLength, hiddenLength), labels[b], tree, weights, bias, classes);
        }
    }

    /// <summary>The batch's mean negative log-likelihood, <c>L = -(1/B) Σ_b log P(labels[b] | H[b, :])</c>.</summary>
    public static float Loss(ReadOnlySpan<float> hidden, ReadOnlySpan<int> labels, ReadOnlySpan<float> tree, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, int hiddenLength, int classes)
    {
        Arguments.InVocabulary(labels, classes, "labels");
        double total = 0;
        for (int b = 0; b < labels.Length; b++)
        {
            total -= LogProbability(hidden.Slice(b * hiddenLength, hiddenLength), labels[b], tree, weights, bias, classes);
        }

        return (float)(total / labels.Length);
    }

    /// <summary>
    /// The gradients of <see cref="Loss"/>. On each path node, <c>∂L/∂s_n = (σ(s_n) - [left]) / B</c>; then
    /// <c>dh += (∂L/∂s_n) w_n</c>, <c>dw_n += (∂L/∂s_n) h</c>, <c>db_n += ∂L/∂s_n</c>. Only the nodes on the batch's paths get a
    /// gradient: the rows the last call touched are zeroed first and the new ones marked in <paramref name="rows"/>.
    /// <paramref name="hiddenGradient"/> may be empty (no layer below needs it). Samples are visited in order, so the sums
    /// are the same on every run.
    /// </summary>
    public static void LossBackward(
        ReadOnlySpan<float> hidden, ReadOnlySpan<int> labels, ReadOnlySpan<float> tree, ReadOnlySpan<float> weights,
        ReadOnlySpan<float> bias, Span<float> hiddenGradient, Span<float> weightGradient, Span<float> biasGradient, TouchedRows rows, int hiddenLength, int classes)
    {
        ArgumentNullException.ThrowIfNull(rows);
        Arguments.InVocabulary(labels, classes, "labels");
        rows.Zero(weightGradient, hiddenLength);
        rows.Zero(biasGradient, 1);
        rows.Reset();
        int h = hiddenLength;
        int root = 2 * classes - 2;
        float scale = 1f / labels.Length;
        bool withInput = !hiddenGradient.IsEmpty;
        for (int b = 0; b < labels.Length; b++)
        {
            var x = hidden.Slice(b * h, h);
            var dx = withInput ? hiddenGradient.Slice(b * h, h) : default;
            dx.Clear();
            for (int node = labels[b]; node != root;)
            {
                int code = (int)tree[node];
                int inner = code >> 1;
                var w = weights.Slice(inner * h, h);
                float s = TensorPrimitives.Dot(x, w) + bias[inner];
                float g = (Sigmoid(s) - (1 - (code & 1))) * scale;
                if (withInput)
                {
                    TensorPrimitives.MultiplyAdd(w, g, dx, dx);
                }

                var dw = weightGradient.Slice(inner * h, h);
                TensorPrimitives.MultiplyAdd(x, g, dw, dw);
                biasGradient[inner] += g;
                rows.Mark(inner);
                node = classes + inner;
            }
        }
    }

    /// <summary>
    /// The full distribution of a batch, <c>O(K × H)</c> per sample: <c>S = H Wᵀ + b</c> [B × (K-1)] in one product, then per
    /// sample <see cref="Leaves"/>. <paramref name="scores"/> keeps <c>log σ(s)</c> for <see cref="DistributionBackward"/>;
    /// <paramref name="innerScratch"/> holds <c>2 (K - 1)</c> floats.
    /// </summary>
    public static void Distribution(
        ReadOnlySpan<float> hidden, ReadOnlySpan<float> tree, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias,
        Span<float> scores, Span<float> innerScratch, Span<float> output, int batch, int hiddenLength, int classes)
    {
        int inner = classes - 1;
        Gemm.ABtAddBias(hidden, weights, bias, scores, batch, inner, hiddenLength);
        for (int b = 0; b < batch; b++)
        {
            Leaves(scores.Slice(b * inner, inner), tree, innerScratch, output.Slice(b * classes, classes), classes);
        }
    }

    /// <summary>
    /// One sample's distribution from its inner-node scores <paramref name="scores"/> (replaced by <c>log σ(s)</c>): the
    /// log-probability of reaching each inner node, root first (parents have higher indices), then each leaf's
    /// <c>P = exp(log P(parent) + log σ(±s_parent))</c>. <c>O(K)</c>; the logs and exps run vectorized.
    /// </summary>
    public static void Leaves(Span<float> scores, ReadOnlySpan<float> tree, Span<float> innerScratch, Span<float> output, int classes)
    {
        int inner = classes - 1;
        var logRight = innerScratch.Slice(0, inner);
        var reach = innerScratch.Slice(inner, inner);

        // log σ(-s) and log σ(s); σ underflows to 0 only where the branch's probability is below float's range anyway.
        TensorPrimitives.Negate(scores, logRight);
        TensorPrimitives.Sigmoid(logRight, logRight);
        TensorPrimitives.Log(logRight, logRight);
        TensorPrimitives.Sigmoid(scores, scores);
        TensorPrimitives.Log(scores, scores);
        var logLeft = scores;

        reach[inner - 1] = 0f;
        for (int i = inner - 2; i >= 0; i--)
        {
            int code = (int)tree[classes + i];
            int parent = code >> 1;
            reach[i] = reach[parent] + ((code & 1) == 0 ? logLeft[parent] : logRight[parent]);
        }

        for (int c = 0; c < classes; c++)
        {
            int code = (int)tree[c];
            int parent = code >> 1;
            output[c] = reach[parent] + ((code & 1) == 0 ? logLeft[parent] : logRight[parent]);
        }

        TensorPrimitives.Exp(output, output);
    }

    /// <summary>
    /// The general backward rule of the distribution, for any <c>dE/dp</c> [B × K]: with <c>S_n = Σ_{leaves l under n} g_l p_l</c>
    /// and <c>A_n</c> the same sum over the left subtree, <c>∂E/∂s_n = A_n - σ(s_n) S_n</c> (a left leaf's <c>p</c> has the factor
    /// <c>σ(s_n)</c>, whose derivative is <c>σ(s_n)(1 - σ(s_n))</c>; a right leaf's has <c>σ(-s_n)</c>, with <c>-σ(-s_n)σ(s_n)</c>).
    /// Then <c>dW = dSᵀ H</c>, <c>db = Σ_batch dS</c>, <c>dH = dS W</c>. <c>O(K × H)</c> per sample; every row gets a gradient.
    /// <paramref name="scores"/> holds forward's <c>log σ(s)</c> and is overwritten with <c>dS</c>.
    /// </summary>
    public static void DistributionBackward(
        ReadOnlySpan<float> hidden, ReadOnlySpan<float> output, ReadOnlySpan<float> outputGradient, ReadOnlySpan<float> tree,
        ReadOnlySpan<float> weights, Span<float> scores, Span<float> innerScratch, Span<float> hiddenGradient,
        Span<float> weightGradient, Span<float> biasGradient, TouchedRows rows, int batch, int hiddenLength, int classes)
    {
        ArgumentNullException.ThrowIfNull(rows);
        int inner = classes - 1;
        var below = innerScratch.Slice(0, inner);
        var left = innerScratch.Slice(inner, inner);
        for (int b = 0; b < batch; b++)
        {
            var p = output.Slice(b * classes, classes);
            var g = outputGradient.Slice(b * classes, classes);
            below.Clear();
            left.Clear();
            for (int c = 0; c < classes; c++)
            {
                Add((int)tree[c], g[c] * p[c], below, left);
            }

            // Children have lower indices than their parents, so ascending order finishes a subtree before its parent reads it.
            for (int i = 0; i < inner - 1; i++)
            {
                Add((int)tree[classes + i], below[i], below, left);
            }

            var ds = scores.Slice(b * inner, inner);
            TensorPrimitives.Exp(ds, ds);
            TensorPrimitives.Multiply(ds, below, ds);
            TensorPrimitives.Subtract(left, ds, ds);
        }

        Gemm.AtB(scores, hidden, weightGradient, inner, hiddenLength, batch);
        Bias.SumRows(scores, biasGradient, batch, inner);
        if (!hiddenGradient.IsEmpty)
        {
            Gemm.AB(scores, weights, hiddenGradient, batch, hiddenLength, inner);
        }

        rows.Reset();
        rows.MarkAll();

        static void Add(int code, float value, Span<float> below, Span<float> left)
        {
            below[code >> 1] += value;
            if ((code & 1) == 0)
            {
                left[code >> 1] += value;
            }
        }
    }

    /// <summary>The <paramref name="classes"/>.Length most probable classes of <paramref name="probabilities"/>, most probable first (ties: lower index first).</summary>
    public static void MostLikely(ReadOnlySpan<float> probabilities, Span<int> classes)
    {
        int k = classes.Length;
        if (k == 0)
        {
            return;
        }

        int filled = 0;
        for (int c = 0; c < probabilities.Length; c++)
        {
            float p = probabilities[c];
            if (filled == k && !(p > probabilities[classes[k - 1]]))
            {
                continue;
            }

            // Insertion into the sorted top k: O(K k), fine for the few classes anyone asks for.
            int at = filled < k ? filled++ : k - 1;
            while (at > 0 && p > probabilities[classes[at - 1]])
            {
                classes[at] = classes[at - 1];
                at--;
            }

            classes[at] = c;
        }
    }

    /// <summary><c>σ(s) = 1 / (1 + e^(-s))</c>.</summary>
    private static float Sigmoid(float s) => 1f / (1f + MathF.Exp(-s));

    /// <summary><c>log σ(s) = -log(1 + e^(-s))</c>, written so that neither branch overflows.</summary>
    private static float LogSigmoid(float s) => s >= 0f ? -MathF.Log(1f + MathF.Exp(-s)) : s - MathF.Log(1f + MathF.Exp(s));
}
