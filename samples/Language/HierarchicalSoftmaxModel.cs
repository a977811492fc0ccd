namespace Butterfly.Samples.Language;

/// <summary>
/// The same model as <see cref="FullSoftmaxModel"/> with a hierarchical softmax over a Huffman tree of the words'
/// counts: a path of about 10 sigmoid decisions per sample instead of a softmax over 12,559 words.
/// </summary>
[Network]
[Input(KjvCorpus.Context, Vocabulary = KjvCorpus.VocabularySize)]
[Embedding(KjvCorpus.VocabularySize, 64)]
[Dense(256), Tanh]
[HierarchicalSoftmax(KjvCorpus.VocabularySize)]
public partial class HierarchicalSoftmaxModel;
