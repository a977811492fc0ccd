using System;
using System.Collections.Generic;
using System.Globalization;
using System.Numerics;
using System.Numerics.Tensors;

namespace Butterfly;

/// <summary>
/// Applies gradients to parameters: the update phase, strictly after backward. Before the rule runs, the
/// gradient is clipped by its global norm (<see cref="MaxGradientNorm"/>) and the penalties of
/// <see cref="Regularization"/> are added, in a buffer of the optimizer's own, so the network's gradients stay
/// what backward computed. Every buffer (the rule's state, such as momentum, and scratch) is allocated on the
/// first step and reused, so steps after the first allocate nothing.
/// </summary>
public abstract class Optimizer
{
    private readonly int _stateBufferCount;
    private readonly int _scratchBufferCount;
    private float _learningRate;
    private float _maxGradientNorm = float.PositiveInfinity;
    private Regularization _regularization = Regularization.None;
    private int _parameterCount = -1;
    private float[][] _state = [];
    private float[][] _scratch = [];
    private float[]? _adjustedGradients;
    private float[]? _heldState;
    private int _windowOffset;
    private int _windowLength = -1;

    /// <summary>Sets the learning rate, for a rule that keeps no per-parameter buffers.</summary>
    /// <param name="learningRate">The step size; positive and finite.</param>
    protected Optimizer(float learningRate)
        : this(learningRate, stateBuffers: 0)
    {
    }

    /// <summary>Sets the learning rate and says how many buffers of one float per parameter the rule needs.</summary>
    /// <param name="learningRate">The step size; positive and finite.</param>
    /// <param name="stateBuffers">Buffers the rule carries from step to step (saved in checkpoints).</param>
    /// <param name="scratchBuffers">Buffers the rule only uses within a step.</param>
    protected Optimizer(float learningRate, int stateBuffers, int scratchBuffers = 0)
    {
        if (!float.IsFinite(learningRate) || learningRate <= 0f)
        {
            throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, "learningRate must be positive and finite.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(stateBuffers);
        ArgumentOutOfRangeException.ThrowIfNegative(scratchBuffers);
        _learningRate = learningRate;
        _stateBufferCount = stateBuffers;
        _scratchBufferCount = scratchBuffers;
    }

    /// <summary>
    /// The step size; finite and not negative. A schedule may change it between steps, and may reach 0 (the end
    /// of a cosine schedule, for example).
    /// </summary>
    public float LearningRate
    {
        get => _learningRate;
        set
        {
            if (!float.IsFinite(value) || value < 0f)
            {
                throw new ArgumentOutOfRangeException(nameof(LearningRate), value, "The learning rate must be finite and not negative.");
            }

            _learningRate = value;
        }
    }

    /// <summary>How many steps this optimizer has applied.</summary>
    public long StepCount { get; private set; }

    /// <summary>
    /// Penalties added to the gradient per parameter group (weights or biases), after clipping. Default
    /// <see cref="Regularization.None"/>.
    /// </summary>
    public Regularization Regularization
    {
        get => _regularization;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            value.Validate();
            _regularization = value;
        }
    }

    /// <summary>
    /// Clipping by global norm (Pascanu et al. 2013): when the gradient's Euclidean norm over all parameters
    /// exceeds this, the whole gradient is scaled down to this norm, keeping its direction. Positive; the default,
    /// positive infinity, never clips.
    /// </summary>
    public float MaxGradientNorm
    {
        get => _maxGradientNorm;
        set
        {
            if (float.IsNaN(value) || value <= 0f)
            {
                throw new ArgumentOutOfRangeException(nameof(MaxGradientNorm), value, "MaxGradientNorm must be positive (positive infinity turns clipping off).");
            }

            _maxGradientNorm = value;
        }
    }

    /// <summary>The rule's short name, such as <c>adam</c>.</summary>
    public abstract string Name { get; }

    /// <summary>
    /// The rule with its fixed hyperparameters (not the learning rate, which schedules change), such as
    /// <c>adam(beta1 0.9, beta2 0.999, epsilon 1E-08)</c>. A checkpoint only resumes into an optimizer whose
    /// <see cref="Configuration"/> matches.
    /// </summary>
    public abstract string Description { get; }

    /// <summary>Everything besides the learning rate that decides what a step does: rule, penalties and clipping.</summary>
    public string Configuration =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"{Description}; regularization {Regularization}; {(float.IsFinite(MaxGradientNorm) ? $"max gradient norm {MaxGradientNorm:R}" : "no clipping")}");

    /// <summary>How many per-parameter state buffers the rule carries between steps.</summary>
    public int StateBufferCount => _stateBufferCount;

    /// <summary>The parameter count the state was allocated for; -1 before the first step.</summary>
    public int ParameterCount => _parameterCount;

    /// <summary>State buffer <paramref name="index"/> (such as Adam's first moment); empty before the first step.</summary>
    public ReadOnlySpan<float> GetState(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, _stateBufferCount);
        return _state.Length == 0 ? default : _state[index];
    }

    /// <summary>
    /// Puts the optimizer back where a checkpoint found it: its step count and its state buffers (none, before the
    /// first step; otherwise <see cref="StateBufferCount"/> of equal length).
    /// </summary>
    public void RestoreState(long stepCount, IReadOnlyList<float[]> state)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(stepCount);
        ArgumentNullException.ThrowIfNull(state);
        if (state.Count == 0)
        {
            if (stepCount != 0 && _stateBufferCount != 0)
            {
                throw new ArgumentException($"{Name} has taken {stepCount} steps, so it needs its {_stateBufferCount} state buffers.", nameof(state));
            }

            StepCount = stepCount;
            _parameterCount = -1;
            _state = [];
            return;
        }

        if (state.Count != _stateBufferCount)
        {
            throw new ArgumentException($"{Name} keeps {_stateBufferCount} state buffers, not {state.Count}.", nameof(state));
        }

        int length = state[0].Length;
        for (int i = 0; i < state.Count; i++)
        {
            if (state[i] is null || state[i].Length != length)
            {
                throw new ArgumentException($"state[{i}] must hold {length} floats like state[0].", nameof(state));
            }
        }

        Allocate(length);
        for (int i = 0; i < state.Count; i++)
        {
            state[i].CopyTo(_state[i], 0);
        }

        StepCount = stepCount;
    }

    /// <summary>
    /// Updates <paramref name="parameters"/> from <paramref name="gradients"/> of the same length.
    /// </summary>
    /// <param name="parameters">The network's parameters, changed in place.</param>
    /// <param name="gradients">The loss gradient; not changed.</param>
    /// <param name="blocks">
    /// The named tensors of the buffer, whose roles pick each group's penalty; when empty the whole buffer is one
    /// block of weights.
    /// </param>
    public void Step(Span<float> parameters, ReadOnlySpan<float> gradients, ReadOnlySpan<ParameterBlock> blocks)
    {
        Prepare(parameters, gradients);
        HoldState(parameters, blocks, restore: false);
        Update(parameters, Adjust(parameters, gradients, blocks), blocks);
        HoldState(parameters, blocks, restore: true);
    }

    /// <summary>
    /// Updates <paramref name="parameters"/> from <paramref name="gradients"/>, which are zero outside the touched rows
    /// of the <paramref name="sparse"/> blocks. When the rule leaves a parameter and its state alone at a zero gradient
    /// (<see cref="SkipsZeroGradients"/>: plain SGD, AdaGrad) and neither clipping nor a penalty makes the untouched rows'
    /// gradients non-zero, only the touched rows of those blocks are visited, so a step costs <c>O(touched rows)</c> there
    /// instead of <c>O(rows)</c>, with the same result as <see cref="Step(Span{float}, ReadOnlySpan{float}, ReadOnlySpan{ParameterBlock})"/>.
    /// Otherwise (momentum, whose velocity keeps moving a row; RMSProp, AdaDelta and Adam, whose averages decay at a zero
    /// gradient) every parameter is updated as that overload does, which is the rule's exact result.
    /// </summary>
    /// <param name="parameters">The network's parameters, changed in place.</param>
    /// <param name="gradients">The loss gradient; not changed.</param>
    /// <param name="blocks">The named tensors of the buffer.</param>
    /// <param name="sparse">The blocks with row-sparse gradients, in buffer order.</param>
    public void Step(Span<float> parameters, ReadOnlySpan<float> gradients, ReadOnlySpan<ParameterBlock> blocks, ReadOnlySpan<SparseBlock> sparse)
    {
        if (sparse.IsEmpty || !SkipsZeroGradients || float.IsFinite(_maxGradientNorm) || !_regularization.IsNone || AnyDense(sparse))
        {
            Step(parameters, gradients, blocks);
            return;
        }

        Prepare(parameters, gradients);
        HoldState(parameters, blocks, restore: false);
        int denseFrom = 0;
        foreach (var block in sparse)
        {
            var tensor = blocks[block.Block];
            UpdateRange(parameters, gradients, denseFrom, tensor.Offset - denseFrom);
            foreach (int row in block.Rows.Rows)
            {
                UpdateRange(parameters, gradients, tensor.Offset + row * block.RowLength, block.RowLength);
            }

            denseFrom = tensor.Offset + tensor.Length;
        }

        UpdateRange(parameters, gradients, denseFrom, parameters.Length - denseFrom);
        HoldState(parameters, blocks, restore: true);
    }

    /// <summary>
    /// Whether the rule leaves a parameter and its state unchanged when its gradient is 0, so that
    /// <see cref="Step(Span{float}, ReadOnlySpan{float}, ReadOnlySpan{ParameterBlock}, ReadOnlySpan{SparseBlock})"/> may skip
    /// the untouched rows of sparse blocks. A rule that says so must also ignore the blocks it is passed (it gets none
    /// for a part of the buffer).
    /// </summary>
    protected virtual bool SkipsZeroGradients => false;

    private static bool AnyDense(ReadOnlySpan<SparseBlock> sparse)
    {
        foreach (var block in sparse)
        {
            if (block.Rows.All)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The rule on <c>[offset, offset + length)</c>, its state and scratch windowed to the same range.</summary>
    private void UpdateRange(Span<float> parameters, ReadOnlySpan<float> gradients, int offset, int length)
    {
        if (length <= 0)
        {
            return;
        }

        _windowOffset = offset;
        _windowLength = length;
        try
        {
            Update(parameters.Slice(offset, length), gradients.Slice(offset, length), default);
        }
        finally
        {
            _windowOffset = 0;
            _windowLength = -1;
        }
    }

    /// <summary>Checks the lengths, allocates the state on the first step, and counts the step.</summary>
    private void Prepare(Span<float> parameters, ReadOnlySpan<float> gradients)
    {
        if (gradients.Length != parameters.Length)
        {
            throw new ArgumentException(
                $"gradients must be as long as parameters ({parameters.Length} floats, got {gradients.Length}).",
                nameof(gradients));
        }

        if (_parameterCount != parameters.Length)
        {
            if (_parameterCount >= 0)
            {
                throw new ArgumentException(
                    $"This optimizer's state was made for {_parameterCount} parameters, not {parameters.Length}; use one optimizer per network.",
                    nameof(parameters));
            }

            Allocate(parameters.Length);
        }

        StepCount++;
    }

    /// <summary>
    /// Copies the <see cref="ParameterRole.State"/> and <see cref="ParameterRole.Structure"/> blocks (batch normalization's running statistics) aside before the
    /// rule runs and back after it, so that no rule, however it treats a zero gradient (decoupled weight decay
    /// shrinks it, say), can move them.
    /// </summary>
    private void HoldState(Span<float> parameters, ReadOnlySpan<ParameterBlock> blocks, bool restore)
    {
        int held = 0;
        foreach (var block in blocks)
        {
            if (block.Role is not (ParameterRole.State or ParameterRole.Structure))
            {
                continue;
            }

            if (!restore && (_heldState is null || _heldState.Length < held + block.Length))
            {
                Array.Resize(ref _heldState, StateLength(blocks));
            }

            var saved = _heldState.AsSpan(held, block.Length);
            var live = parameters.Slice(block.Offset, block.Length);
            if (restore)
            {
                saved.CopyTo(live);
            }
            else
            {
                live.CopyTo(saved);
            }

            held += block.Length;
        }
    }

    private static int StateLength(ReadOnlySpan<ParameterBlock> blocks)
    {
        int length = 0;
        foreach (var block in blocks)
        {
            length += block.Role is ParameterRole.State or ParameterRole.Structure ? block.Length : 0;
        }

        return length;
    }

    /// <summary>
    /// The optimizer's rule, for one step, over the whole buffer or (in a sparse step) over one range of it, to which
    /// <see cref="State"/> and <see cref="Scratch"/> are then windowed. <see cref="StepCount"/> already counts this step.
    /// </summary>
    /// <param name="parameters">Changed in place.</param>
    /// <param name="gradients">The gradient after clipping and penalties.</param>
    /// <param name="blocks">As passed to <c>Step</c>; empty for a range of a sparse step.</param>
    protected abstract void Update(Span<float> parameters, ReadOnlySpan<float> gradients, ReadOnlySpan<ParameterBlock> blocks);

    /// <summary>State buffer <paramref name="index"/>, as long as the parameters; valid inside <see cref="Update"/>.</summary>
    protected Span<float> State(int index) => Window(_state[index]);

    /// <summary>Scratch buffer <paramref name="index"/>, as long as the parameters; valid inside <see cref="Update"/>.</summary>
    protected Span<float> Scratch(int index) => Window(_scratch[index]);

    /// <summary>The part of a per-parameter buffer that lines up with the range being updated (all of it, usually).</summary>
    private Span<float> Window(float[] buffer) => _windowLength < 0 ? buffer : buffer.AsSpan(_windowOffset, _windowLength);

    private void Allocate(int length)
    {
        _parameterCount = length;
        _state = new float[_stateBufferCount][];
        for (int i = 0; i < _state.Length; i++)
        {
            _state[i] = new float[length];
        }

        if (_scratch.Length != _scratchBufferCount || (_scratch.Length > 0 && _scratch[0].Length != length))
        {
            _scratch = new float[_scratchBufferCount][];
            for (int i = 0; i < _scratch.Length; i++)
            {
                _scratch[i] = new float[length];
            }
        }
    }

    /// <summary>Clipping, then penalties, into the optimizer's own buffer; the raw gradient when there is neither.</summary>
    private ReadOnlySpan<float> Adjust(ReadOnlySpan<float> parameters, ReadOnlySpan<float> gradients, ReadOnlySpan<ParameterBlock> blocks)
    {
        bool clip = float.IsFinite(_maxGradientNorm);
        var regularization = _regularization;
        if (!clip && regularization.IsNone)
        {
            return gradients;
        }

        if (_adjustedGradients is null || _adjustedGradients.Length != gradients.Length)
        {
            _adjustedGradients = new float[gradients.Length];
        }

        var adjusted = _adjustedGradients.AsSpan();
        float norm = clip ? TensorPrimitives.Norm(gradients) : 0f;
        if (clip && norm > _maxGradientNorm)
        {
            // g <- g * (c / ‖g‖): the same direction, norm c.
            TensorPrimitives.Multiply(gradients, _maxGradientNorm / norm, adjusted);
        }
        else
        {
            gradients.CopyTo(adjusted);
        }

        if (!regularization.IsNone)
        {
            if (blocks.IsEmpty)
            {
                AddPenalty(parameters, adjusted, regularization.Weights);
            }
            else
            {
                foreach (var block in blocks)
                {
                    AddPenalty(
                        parameters.Slice(block.Offset, block.Length),
                        adjusted.Slice(block.Offset, block.Length),
                        regularization.For(block.Role));
                }
            }
        }

        return adjusted;
    }

    /// <summary><c>g += λ₂ w + λ₁ sign(w)</c>, the gradient of <c>(λ₂/2) ‖w‖² + λ₁ ‖w‖₁</c>, with sign(0) = 0.</summary>
    private static void AddPenalty(ReadOnlySpan<float> weights, Span<float> gradients, Penalty penalty)
    {
        if (penalty.L2 != 0f)
        {
            TensorPrimitives.MultiplyAdd(weights, penalty.L2, gradients, gradients);
        }

        if (penalty.L1 != 0f)
        {
            AddScaledSign(weights, penalty.L1, gradients);
        }
    }

    /// <summary><c>g += λ sign(w)</c>. TensorPrimitives has no float-valued sign, so this is a <see cref="Vector{T}"/> loop.</summary>
    private static void AddScaledSign(ReadOnlySpan<float> weights, float lambda, Span<float> gradients)
    {
        var plus = new Vector<float>(lambda);
        var minus = new Vector<float>(-lambda);
        int i = 0;
        for (; i <= weights.Length - Vector<float>.Count; i += Vector<float>.Count)
        {
            var w = new Vector<float>(weights[i..]);
            var g = new Vector<float>(gradients[i..]);
            g += Vector.ConditionalSelect(Vector.GreaterThan(w, Vector<float>.Zero), plus, Vector<float>.Zero);
            g += Vector.ConditionalSelect(Vector.LessThan(w, Vector<float>.Zero), minus, Vector<float>.Zero);
            g.CopyTo(gradients[i..]);
        }

        for (; i < weights.Length; i++)
        {
            gradients[i] += weights[i] > 0f ? lambda : weights[i] < 0f ? -lambda : 0f;
        }
    }
}
