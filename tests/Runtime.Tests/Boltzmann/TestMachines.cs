namespace Butterfly.Runtime.Tests.Boltzmann;

// Machines small enough to enumerate every joint state (2^(6+4) = 1,024), and a mid-sized one for allocations.

/// <summary>6 binary visible units, 4 binary hidden units.</summary>
[BoltzmannMachine(visible: 6, hidden: 4)]
internal sealed partial class TinyMachine;

/// <summary>6 real-valued visible units of unit variance, 4 binary hidden units.</summary>
[BoltzmannMachine(visible: 6, hidden: 4, Visible = VisibleUnits.Gaussian)]
internal sealed partial class TinyGaussianMachine;

/// <summary>Large enough for the products to take the packed and multi-threaded GEMM paths.</summary>
[BoltzmannMachine(visible: 196, hidden: 120)]
internal sealed partial class MidMachine;

/// <summary>Two Dense + Sigmoid layers under a softmax: a deep belief net in miniature.</summary>
[Network]
[Input(6)]
[Dense(4), Sigmoid]
[Dense(3), Sigmoid]
[Dense(2), Softmax]
internal sealed partial class TinyBeliefNet;

/// <summary>
/// A named sigmoid, then a second dense layer on a branch from the input: one pretrainable layer, since the second dense
/// layer does not read the first's output.
/// </summary>
[Network]
[Input(6, Name = "x")]
[Dense(4), Sigmoid(Name = "h")]
[From("x"), Dense(4), Sigmoid]
[Multiply("h")]
[Dense(2), Softmax]
internal sealed partial class TinyBranchBeliefNet;

/// <summary>The second machine of <see cref="TinyBeliefNet"/>'s stack.</summary>
[BoltzmannMachine(visible: 4, hidden: 3)]
internal sealed partial class TinyUpperMachine;

/// <summary>A tanh hidden layer, which a Boltzmann machine cannot pretrain.</summary>
[Network]
[Input(6)]
[Dense(4), Tanh]
[Dense(2), Softmax]
internal sealed partial class TinyTanhNet;

/// <summary>Dropout after a pretrained layer, the identity at inference, as the MNIST sample's deep belief net has it.</summary>
[Network]
[Input(6)]
[Dense(4), Sigmoid, Dropout(0.5f)]
[Dense(3), Sigmoid]
[Dense(2), Softmax]
internal sealed partial class TinyDropoutBeliefNet;
