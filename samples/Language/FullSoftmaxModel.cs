namespace Butterfly.Samples.Language;

/// <summary>
/// Bengio et al.'s (2003) neural language model without its direct connections: the previous four words, each embedded
/// in 64 dimensions, 256 tanh units, and a softmax over the whole vocabulary, <c>O(V)</c> per sample.
/// </summary>
[Network]
[Input(KjvCorpus.Context, Vocabulary = KjvCorpus.VocabularySize)]
[Embedding(KjvCorpus.VocabularySize, 64)]
[Dense(256), Tanh]
[Dense(KjvCorpus.VocabularySize), Softmax]
public partial class FullSoftmaxModel;
