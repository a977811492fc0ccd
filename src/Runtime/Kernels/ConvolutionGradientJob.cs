using System;
using System.Numerics.Tensors;
using System.Threading;

namespace Butterfly.Kernels;

/// <summary>
/// The backward rule of <see cref="Convolution"/> for groups of samples, the groups split between threads. Group
/// <c>g</c> takes its share of the weight and bias gradients, <c>dW_g = dY_g X̃_gᵀ</c> and <c>db_g = Σ dY_g</c>, into a
/// partial of its own (from the samples as they lie for stride 1 without padding, through <see cref="DirectWeightGradient"/>;
/// else from the unfolded samples <c>X̃_g</c>). Its samples' input gradients come sample by sample, each a unit of work
/// of its own, from the flipped filters' forward convolution or <see cref="DirectInputGradient"/> where they take the
/// shape; otherwise <c>Wᵀ dY_g</c>, one product for the group, is
/// folded into them. The caller sums the partials in group order, so the result depends on the group size (fixed by
/// the shapes) and never on which thread ran which group.
/// </summary>
internal sealed unsafe class ConvolutionGradientJob : ParallelJob
{
    /// <summary>Floats of unfolded input and output gradient per group: about 192 KB, so a group stays in L2.</summary>
    private const int GroupFloats = 48 * 1024;

    [ThreadStatic]
    private static ConvolutionGradientJob? t_job;

    /// <summary>This thread's unfolded group (or its <c>Wᵀ dY</c>) and its output gradients in filter-major order.</summary>
    [ThreadStatic]
    private static float[]? t_buffer;

    /// <summary>This thread's padded copy of one sample's output gradient, for <see cref="DirectInputGradient"/>.</summary>
    [ThreadStatic]
    private static float[]? t_padded;

    /// <summary>This thread's zero-padded copies of a group's inputs, for a padded convolution's direct weight gradient.</summary>
    [ThreadStatic]
    private static float[]? t_paddedInputs;

    /// <summary>This thread's input gradient over one sample's padded input, before its inside is taken.</summary>
    [ThreadStatic]
    private static float[]? t_paddedGradient;

    private float* _x;
    private float* _weights;
    private float* _dy;
    private float* _dx;
    private float* _partials;
    private float* _flipped;
    private int _batch, _group, _groups;

    /// <summary>Units claimed so far in this call (<see cref="Run(int, int)"/>).</summary>
    private int _claimed;

    /// <summary>
    /// Whether each sample's input gradient is a unit of its own (a direct convolution's, from the flipped filters or
    /// <see cref="DirectInputGradient"/>), rather than part of its group's (folded from the group's <c>Wᵀ dY</c>).
    /// </summary>
    private bool _samplesApart;
    private ConvolutionShape _shape;

    /// <summary>The calling thread's job, made once and refilled for every call.</summary>
    public static ConvolutionGradientJob ForThisThread => t_job ??= new ConvolutionGradientJob();

    /// <summary>Samples per group when nothing is unfolded: enough that a group's loops are long and its partial one of few.</summary>
    private const int DirectGroup = 8;

    /// <summary>
    /// Samples per group for these shapes: <see cref="DirectGroup"/> when nothing is unfolded (the weight gradient is
    /// direct and the input gradient is either direct or not wanted), else as many as fit <see cref="GroupFloats"/>, at
    /// least one.
    /// </summary>
    public static int GroupSamples(ConvolutionShape shape, bool inputGradient) =>
        shape.IsDirect && (!inputGradient || InputGradientAsForward(shape) || DirectInputGradient.Takes(shape.Unpadded))
            ? DirectGroup
            : Math.Max(1, GroupFloats / (shape.Pixels * (shape.Window + shape.Filters)));

    /// <summary>
    /// Whether <c>dx</c> is computed as a forward convolution (<see cref="FlipFilters"/>): a direct convolution of at least
    /// a tile of input channels on the 512-bit path, whose forward tiles run about twice as fast as the 256-bit
    /// <see cref="DirectInputGradient"/>.
    /// </summary>
    public static bool InputGradientAsForward(ConvolutionShape shape) =>
        shape.IsDirect && Simd.Path == SimdPath.Vector512 && shape.Channels >= 4;

    /// <summary>
    /// The filters of the convolution whose forward pass is this one's input gradient, and after them <c>C</c> zero biases:
    /// <c>dx[c, i, j] = Σ_f,u,v w[f, c, u, v] dy[f, i + p - u, j + p - v] = Σ_f,u',v' w'[c, f, u', v'] dy'[f, i + u', j + v']</c>
    /// with <c>w'[c, f, u', v'] = w[f, c, K-1-u', K-1-v']</c> (the filters transposed and turned half a circle) and
    /// <c>dy'</c> the output gradient padded by <c>K-1-p</c>: a stride-1 convolution of <c>dy</c> from <c>F</c> channels to
    /// <c>C</c> filters, whose output is <c>H × W</c>.
    /// </summary>
    public static void FlipFilters(ReadOnlySpan<float> weights, Span<float> flipped, ConvolutionShape shape)
    {
        int filters = shape.Filters, channels = shape.Channels, kernel = shape.Kernel, taps = kernel * kernel;
        for (int c = 0; c < channels; c++)
        {
            for (int f = 0; f < filters; f++)
            {
                var source = weights.Slice((f * channels + c) * taps, taps);
                var target = flipped.Slice((c * filters + f) * taps, taps);
                for (int t = 0; t < taps; t++)
                {
                    target[t] = source[taps - 1 - t];
                }
            }
        }

        flipped.Slice(channels * filters * taps, channels).Clear();
    }

    /// <summary>The forward shape of <see cref="FlipFilters"/>'s convolution: <c>dy</c> in, <c>dx</c> out.</summary>
    private static ConvolutionShape FlippedShape(ConvolutionShape shape) =>
        new(shape.Filters, shape.OutH, shape.OutW, shape.Channels, shape.Kernel, 1, shape.Kernel - 1 - shape.Padding);

    /// <summary>
    /// Computes every group's partial gradient into <paramref name="partials"/> (<c>F·CKK + F</c> floats per group,
    /// weights then bias) and, unless <paramref name="dx"/> is null, the input gradient.
    /// </summary>
    public void Run(float* x, float* weights, float* dy, float* dx, float* partials, int batch, int group, ConvolutionShape shape, float* flipped = null)
    {
        _flipped = flipped;
        _x = x;
        _weights = weights;
        _dy = dy;
        _dx = dx;
        _partials = partials;
        (_batch, _group, _groups, _shape) = (batch, group, (batch + group - 1) / group, shape);
        _claimed = 0;
        _samplesApart = dx != null && shape.IsDirect && (flipped != null || DirectInputGradient.Takes(shape.Unpadded));
        WorkerPool.Shared.Run(this, Math.Min(Parallelism.ThreadCount, _groups));
    }

    /// <summary>
    /// Each piece claims the next unit until none is left, so a thread that runs slower (a shared host's vCPUs are not
    /// equally fast) takes fewer instead of holding the others up at the end. The units are the groups, and then, where a
    /// sample's input gradient is computed on its own (<see cref="_samplesApart"/>), each sample's: the last units are
    /// small, so the threads finish close together. Which thread runs a unit changes nothing: a group's partial and a
    /// sample's input gradient have their own places.
    /// </summary>
    public override void Run(int part, int parts)
    {
        int units = _groups + (_samplesApart ? _batch : 0);
        for (int u = Interlocked.Increment(ref _claimed) - 1; u < units; u = Interlocked.Increment(ref _claimed) - 1)
        {
            if (u < _groups)
            {
                RunGroup(u);
            }
            else
            {
                SampleInputGradient(u - _groups);
            }
        }
    }

    /// <summary>Sample <paramref name="n"/>'s input gradient, where it is computed on its own (<see cref="_samplesApart"/>).</summary>
    private void SampleInputGradient(int n)
    {
        var shape = _shape;
        int inLength = shape.InLength, outLength = shape.OutLength;
        float* dx = _dx + (long)n * inLength, dy = _dy + (long)n * outLength;
        if (_flipped != null)
        {
            var flipped = FlippedShape(shape);
            var weights = new ReadOnlySpan<float>(_flipped, flipped.Filters * flipped.Window);
            var zeros = new ReadOnlySpan<float>(_flipped + flipped.Filters * flipped.Window, flipped.Filters);
            DirectConvolution.Forward(new ReadOnlySpan<float>(dy, outLength), weights, zeros, new Span<float>(dx, inLength), flipped);
            return;
        }

        // With padding, dx over the padded input, then its inside: the border's gradient belongs to the zeros.
        var unpadded = shape.Unpadded;
        float* scratch = PinnedThreadBuffer.Get(ref t_padded, DirectInputGradient.ScratchLength(unpadded));
        float* wide = shape.Padding > 0 ? PinnedThreadBuffer.Get(ref t_paddedGradient, unpadded.InLength) : null;
        DirectInputGradient.Compute(dy, _weights, wide == null ? dx : wide, scratch, unpadded);
        if (wide != null)
        {
            ZeroPadding.Crop(wide, dx, shape.Channels, shape.Height, shape.Width, shape.Padding);
        }
    }

    private void RunGroup(int g)
    {
        var shape = _shape;
        int pixels = shape.Pixels, window = shape.Window, inLength = shape.InLength, outLength = shape.OutLength, filters = shape.Filters;
        int first = g * _group, count = Math.Min(_group, _batch - first);
        var partial = new Span<float>(_partials + (long)g * (filters * window + filters), filters * window + filters);
        var weightPartial = partial.Slice(0, filters * window);
        var biasPartial = partial.Slice(filters * window, filters);
        var dy = new ReadOnlySpan<float>(_dy + (long)first * outLength, count * outLength);
        SumBias(dy, biasPartial, count, pixels);
        bool direct = shape.IsDirect;
        if (direct)
        {
            // dW_g[f, c, u, v] = Σ_n,i,j dY[n, f, i, j] x[n, c, i + u, j + v], from the samples as they lie (with padding,
            // from zero-padded copies: the same sums over the same zeros the padding stands for).
            var unpadded = shape.Unpadded;
            float* x = _x + (long)first * inLength;
            if (ChannelsLastWeightGradient.Takes(unpadded))
            {
                // Its channels-last copies of the samples take the zeros on the way.
                ChannelsLastWeightGradient.Compute(x, _dy + (long)first * outLength, _partials + (long)g * partial.Length, count, unpadded, shape.Padding);
            }
            else
            {
                if (shape.Padding > 0)
                {
                    float* copies = PinnedThreadBuffer.Get(ref t_paddedInputs, count * unpadded.InLength);
                    for (int n = 0; n < count; n++)
                    {
                        ZeroPadding.Pad(x + (long)n * inLength, copies + (long)n * unpadded.InLength, shape.Channels, shape.Height, shape.Width, shape.Padding);
                    }

                    x = copies;
                }

                DirectWeightGradient.Compute(
                    new ReadOnlySpan<float>(x, count * unpadded.InLength), dy, weightPartial, count, unpadded.Channels, unpadded.Height, unpadded.Width, filters, shape.Kernel);
            }

            if (_dx == null || _samplesApart)
            {
                return;
            }
        }

        int columns = count * pixels;
        var buffer = ThreadBuffer.Get(ref t_buffer, _group * pixels * (window + filters));
        var unfolded = buffer.Slice(0, window * columns);
        var rows = buffer.Slice(window * columns, filters * columns);
        for (int n = 0; n < count; n++)
        {
            if (!direct)
            {
                var sample = new ReadOnlySpan<float>(_x + (long)(first + n) * inLength, inLength);
                Convolution.Unfold(sample, unfolded, columns, n * pixels, shape);
            }

            for (int f = 0; f < filters; f++)
            {
                dy.Slice(n * outLength + f * pixels, pixels).CopyTo(rows.Slice(f * columns + n * pixels, pixels));
            }
        }

        if (!direct)
        {
            // dW_g[F×CKK] = dY_g[F×nP] · X̃_g[CKK×nP]ᵀ
            Gemm.ABt(rows, unfolded, weightPartial, filters, window, columns);
        }

        if (_dx != null)
        {
            // dX̃_g[CKK×nP] = W[F×CKK]ᵀ · dY_g[F×nP], into the unfolded buffer, then folded sample by sample.
            Gemm.AtB(new ReadOnlySpan<float>(_weights, filters * window), rows, unfolded, window, columns, filters);
            for (int n = 0; n < count; n++)
            {
                Convolution.Fold(unfolded, columns, n * pixels, new Span<float>(_dx + (long)(first + n) * inLength, inLength), shape);
            }
        }
    }

    /// <summary><c>db_g[f] = Σ_n Σ_p dY[n, f, p]</c>, sample by sample.</summary>
    private void SumBias(ReadOnlySpan<float> dy, Span<float> biasPartial, int count, int pixels)
    {
        int filters = _shape.Filters;
        biasPartial.Clear();
        for (int n = 0; n < count; n++)
        {
            for (int f = 0; f < filters; f++)
            {
                biasPartial[f] += TensorPrimitives.Sum(dy.Slice((n * filters + f) * pixels, pixels));
            }
        }
    }
}
