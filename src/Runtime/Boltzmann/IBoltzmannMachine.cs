using System;

namespace Butterfly;

/// <summary>
/// The seam between generated restricted Boltzmann machines and the runtime. Every <c>[BoltzmannMachine]</c> class
/// implements it, so weights files, the <see cref="BoltzmannTrainer"/> and <see cref="DeepBelief"/> pretraining work
/// on any machine without reflection. The energy of a joint state is <c>E(v, h) = -bᵀv - cᵀh - hᵀWv</c> (plus
/// <c>½‖v‖²</c> for Gaussian visible units), and <c>p(v, h) = e^-E(v, h) / Z</c>.
/// </summary>
public interface IBoltzmannMachine
{
    /// <summary>Visible units: floats in one data sample.</summary>
    int VisibleCount { get; }

    /// <summary>Hidden units.</summary>
    int HiddenCount { get; }

    /// <summary>The kind of the visible units.</summary>
    VisibleUnits VisibleUnits { get; }

    /// <summary>Trainable parameters: <c>hidden · visible + visible + hidden</c>.</summary>
    int ParameterCount { get; }

    /// <summary>The machine as one line, such as <c>BoltzmannMachine(784, 500, Bernoulli)</c>; weights files record it.</summary>
    string Signature { get; }

    /// <summary>All parameters in one buffer: <see cref="Weights"/>, <see cref="VisibleBias"/>, <see cref="HiddenBias"/>.</summary>
    Span<float> Parameters { get; }

    /// <summary>The gradient of the negative log-likelihood estimate of the last training step, laid out as <see cref="Parameters"/>.</summary>
    Span<float> Gradients { get; }

    /// <summary>The named tensors inside <see cref="Parameters"/>, in order.</summary>
    ReadOnlySpan<ParameterBlock> ParameterBlocks { get; }

    /// <summary><c>W[hidden × visible]</c>, row-major: row <c>j</c> holds hidden unit <c>j</c>'s weights.</summary>
    Span<float> Weights { get; }

    /// <summary><c>b[visible]</c>.</summary>
    Span<float> VisibleBias { get; }

    /// <summary><c>c[hidden]</c>.</summary>
    Span<float> HiddenBias { get; }

    /// <summary>Allocates the buffers the batched operations need for up to <paramref name="maxBatch"/> samples.</summary>
    BoltzmannWorkspace CreateWorkspace(int maxBatch);

    /// <summary><c>p(h_j = 1 | v) = σ(c_j + W_j · v)</c> for a batch of visible states.</summary>
    /// <param name="visible">Whole samples of <see cref="VisibleCount"/> floats.</param>
    /// <param name="hidden"><see cref="HiddenCount"/> floats per sample, overwritten.</param>
    void HiddenProbabilities(ReadOnlySpan<float> visible, Span<float> hidden);

    /// <summary>
    /// <c>p(v_i = 1 | h) = σ(b_i + Σ_j W_ji h_j)</c> for Bernoulli visible units, or the mean <c>b_i + Σ_j W_ji h_j</c>
    /// of Gaussian ones, for a batch of hidden states.
    /// </summary>
    /// <param name="hidden">Whole samples of <see cref="HiddenCount"/> floats.</param>
    /// <param name="visible"><see cref="VisibleCount"/> floats per sample, overwritten.</param>
    void VisibleProbabilities(ReadOnlySpan<float> hidden, Span<float> visible);

    /// <summary>Draws <c>h ~ p(h | v)</c> for each sample of <paramref name="visible"/>.</summary>
    void SampleHidden(BoltzmannWorkspace workspace, ReadOnlySpan<float> visible, Span<float> hidden);

    /// <summary>Draws <c>v ~ p(v | h)</c> for each sample of <paramref name="hidden"/>.</summary>
    void SampleVisible(BoltzmannWorkspace workspace, ReadOnlySpan<float> hidden, Span<float> visible);

    /// <summary>
    /// Runs <paramref name="steps"/> steps of block Gibbs sampling, <c>h ~ p(h | v)</c> then <c>v ~ p(v | h)</c>, from
    /// each sample of <paramref name="visible"/>, which ends holding the chains' last visible samples.
    /// </summary>
    /// <returns>The last step's visible probabilities (or means), a view into the workspace valid until its next use.</returns>
    ReadOnlySpan<float> Gibbs(BoltzmannWorkspace workspace, Span<float> visible, int steps);

    /// <summary>
    /// The free energy <c>F(v) = -log Σ_h e^-E(v, h) = -bᵀv - Σ_j softplus(c_j + W_j · v)</c> (Gaussian units:
    /// <c>½‖v - b‖²</c> in place of <c>-bᵀv</c>), so that <c>p(v) = e^-F(v) / Z</c>.
    /// </summary>
    /// <param name="workspace">Scratch.</param>
    /// <param name="visible">Whole samples.</param>
    /// <param name="energies">One float per sample, overwritten.</param>
    void FreeEnergy(BoltzmannWorkspace workspace, ReadOnlySpan<float> visible, Span<float> energies);

    /// <summary>
    /// Fills <see cref="Gradients"/> with the CD-k estimate of the gradient of the batch's mean negative
    /// log-likelihood, <c>⟨v hᵀ⟩_k - ⟨v hᵀ⟩_data</c> (Hinton 2002), from chains started at the data. Never changes
    /// a parameter.
    /// </summary>
    /// <returns>The batch's mean reconstruction error (see <see cref="ReconstructionError"/>) of the chains' first step.</returns>
    float ContrastiveDivergence(BoltzmannWorkspace workspace, ReadOnlySpan<float> visible, int steps);

    /// <summary>
    /// Fills <see cref="Gradients"/> as <see cref="ContrastiveDivergence"/> does, but with the negative phase taken from
    /// persistent chains that continue from where the last call left them (Tieleman 2008).
    /// </summary>
    /// <returns>The batch's mean reconstruction error.</returns>
    float PersistentContrastiveDivergence(BoltzmannWorkspace workspace, ReadOnlySpan<float> visible, int steps);

    /// <summary>
    /// One training step: the CD-k (or, when <paramref name="persistent"/>, PCD-k) gradient, then
    /// <paramref name="optimizer"/>'s update (momentum, penalties and weight decay as for a network). Descending the
    /// negative log-likelihood is ascending the likelihood.
    /// </summary>
    /// <returns>The batch's mean reconstruction error before the update.</returns>
    float TrainStep(BoltzmannWorkspace workspace, ReadOnlySpan<float> visible, Optimizer optimizer, int steps = 1, bool persistent = false);

    /// <summary>The batch's mean <c>‖v - p(v | h)‖²</c> with <c>h ~ p(h | v)</c>: a cheap, rough monitor of training.</summary>
    float ReconstructionError(BoltzmannWorkspace workspace, ReadOnlySpan<float> visible);

    /// <summary>
    /// The batch's mean stochastic pseudo-log-likelihood, <c>V log σ(F(ṽ) - F(v))</c> with <c>ṽ</c> the sample with one
    /// random unit <c>i</c> flipped to <c>1 - v_i</c>: an unbiased estimate of <c>Σ_i log p(v_i | v_-i)</c> for binary
    /// data. Bernoulli visible units only.
    /// </summary>
    float PseudoLogLikelihood(BoltzmannWorkspace workspace, ReadOnlySpan<float> visible);
}
