using System;

namespace Butterfly;

/// <summary>
/// The hierarchical softmax output (Morin and Bengio 2005; Mikolov et al. 2013): each of <c>classes</c> classes is a
/// leaf of a binary tree, and <c>P(class | x)</c> is the product of the sigmoid decisions <c>σ(±(w_n · x + b_n))</c> at
/// the inner nodes on its path. Training costs <c>O(log classes)</c> per sample instead of a softmax's
/// <c>O(classes)</c>. It must be the last layer and owns its loss, the negative log-likelihood of the label. The tree
/// is balanced unless the network is constructed with a <c>ClassTree</c> (for example a Huffman tree from class
/// counts); it is saved with the weights.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class HierarchicalSoftmaxAttribute : Attribute
{
    /// <summary>Declares the output layer.</summary>
    /// <param name="classes">The number of classes (leaves); at least 2.</param>
    public HierarchicalSoftmaxAttribute(int classes) => Classes = classes;

    /// <summary>The number of classes.</summary>
    public int Classes { get; }
}
