using System;
using System.Numerics.Tensors;
using Butterfly.Kernels;

namespace Butterfly;

/// <summary>
/// The SGD rule over a whole parameter buffer, vectorized through TensorPrimitives and, for large networks, split
/// into contiguous chunks over <see cref="Parallelism.ThreadCount"/> threads. The rule is element-wise, so the
/// split never changes a result; small buffers (the per-step overhead of online training) stay on the calling
/// thread, where a hand-off would cost more than the update.
/// </summary>
internal sealed unsafe class SgdUpdate : ParallelJob
{
    /// <summary>
    /// Parameters from which the update is split. Low enough to include the 79,510 of the MNIST network: its chunks
    /// line up with the row split of the weight gradient, so each thread updates what it just wrote, in its own L2.
    /// </summary>
    private const int ParallelThreshold = 1 << 16;

    /// <summary>Chunks start on multiples of this many floats, whole cache lines.</summary>
    private const int Alignment = 64;

    [ThreadStatic]
    private static SgdUpdate? t_job;

    private float* _parameters;
    private float* _gradients;
    private float* _velocity;
    private int _length;
    private float _rate;
    private float _momentum;
    private bool _nesterov;

    /// <summary>
    /// <c>w -= η g</c>; with momentum <c>v = μ v + g</c>, then <c>w -= η v</c>, or <c>w -= η (g + μ v)</c> for Nesterov.
    /// </summary>
    public static void Apply(Span<float> parameters, ReadOnlySpan<float> gradients, Span<float> velocity, float rate, float momentum, bool nesterov)
    {
        int parts = parameters.Length >= ParallelThreshold ? Math.Min(Parallelism.ThreadCount, parameters.Length / Alignment) : 1;
        if (parts <= 1)
        {
            Chunk(parameters, gradients, velocity, rate, momentum, nesterov);
            return;
        }

        fixed (float* p = parameters, g = gradients, v = velocity)
        {
            var job = t_job ??= new SgdUpdate();
            job._parameters = p;
            job._gradients = g;
            job._velocity = v;
            job._length = parameters.Length;
            job._rate = rate;
            job._momentum = momentum;
            job._nesterov = nesterov;
            WorkerPool.Shared.Run(job, parts);
        }
    }

    public override void Run(int part, int parts)
    {
        int blocks = (_length + Alignment - 1) / Alignment;
        int start = Math.Min(_length, (int)((long)blocks * part / parts) * Alignment);
        int end = Math.Min(_length, (int)((long)blocks * (part + 1) / parts) * Alignment);
        int count = end - start;
        Chunk(
            new Span<float>(_parameters + start, count),
            new ReadOnlySpan<float>(_gradients + start, count),
            _velocity == null ? default : new Span<float>(_velocity + start, count),
            _rate,
            _momentum,
            _nesterov);
    }

    private static void Chunk(Span<float> parameters, ReadOnlySpan<float> gradients, Span<float> velocity, float rate, float momentum, bool nesterov)
    {
        if (momentum == 0f)
        {
            TensorPrimitives.MultiplyAdd(gradients, -rate, parameters, parameters);
            return;
        }

        TensorPrimitives.MultiplyAdd(velocity, momentum, gradients, velocity);
        if (nesterov)
        {
            TensorPrimitives.MultiplyAdd(velocity, -rate * momentum, parameters, parameters);
            TensorPrimitives.MultiplyAdd(gradients, -rate, parameters, parameters);
        }
        else
        {
            TensorPrimitives.MultiplyAdd(velocity, -rate, parameters, parameters);
        }
    }
}
