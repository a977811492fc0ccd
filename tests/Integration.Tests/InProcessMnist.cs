namespace Butterfly.Integration.Tests;

/// <summary>The EmbeddedInference sample's network, as an instance whose weights are loaded at run time.</summary>
[Network]
[Input(784)]
[Dense(100), Sigmoid]
[Dense(10), Softmax]
internal sealed partial class InProcessMnist;
