namespace Butterfly.Samples.Language;

/// <summary>
/// The same model as <see cref="FullSoftmaxModel"/> with a hierarchical softmax: a path of about 9 sigmoid decisions
/// per sample instead of a softmax over 12,559 words, down a tree of words clustered by the words they follow
/// (<see cref="ClassTree.Clustered"/>), or a Huffman tree of their counts (<c>--tree huffman</c>).
/// </summary>
[Network]
[Input(KjvCorpus.Context, Vocabulary = KjvCorpus.VocabularySize)]
[Embedding(KjvCorpus.VocabularySize, 64)]
[Dense(256), Tanh]
[HierarchicalSoftmax(KjvCorpus.VocabularySize)]
public partial class HierarchicalSoftmaxModel;
