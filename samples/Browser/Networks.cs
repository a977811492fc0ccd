namespace Butterfly.Samples.Browser;

/// <summary>
/// The MNIST sample's CNN with its trained weights compiled into the assembly: <c>PredictEmbedded</c> needs no
/// instance, no download and no heap.
/// </summary>
[Network(Weights = "mnist-cnn.bfw.b64")]
[Input(1, 28, 28)]
[Conv2D(16, 5), ReLU, MaxPool(2)]
[Conv2D(32, 5), ReLU, MaxPool(2)]
[Flatten]
[Dense(128), ReLU, Dropout(0.5f)]
[Dense(10), Softmax]
internal sealed partial class DigitReader;

/// <summary>The founding article's network, which the page trains from a random start.</summary>
[Network]
[Input(784)]
[Dense(100), Sigmoid]
[Dense(10), Softmax]
internal sealed partial class PageMlp;
