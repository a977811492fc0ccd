namespace Butterfly.Runtime.Tests.Networks;

// Token inputs, embeddings and the hierarchical softmax, small enough for finite differences.

/// <summary>A language model in miniature: three ids, 4-dim embeddings, 5 tanh units, a hierarchical softmax over 6 classes.</summary>
[Network]
[Input(3, Vocabulary = 7)]
[Embedding(7, 4)]
[Dense(5), Tanh]
[HierarchicalSoftmax(6)]
internal sealed partial class TinyLanguageNet;

/// <summary>The same with a full softmax.</summary>
[Network]
[Input(3, Vocabulary = 7)]
[Embedding(7, 4)]
[Dense(5), Tanh]
[Dense(6), Softmax]
internal sealed partial class TinySoftmaxLanguageNet;

/// <summary>A hierarchical softmax straight on a float input: its input gradient is not wanted.</summary>
[Network]
[Input(4)]
[HierarchicalSoftmax(5)]
internal sealed partial class FloatInputTreeNet;
