using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Butterfly.Kernels;

/// <summary>
/// Convolution of one sample computed straight from the formula, for <c>Predict</c> and, sample by sample, for
/// training: with stride 1 and no padding, <c>y[f, i, j] = b[f] + Σ_c Σ_u Σ_v w[f, c, u, v] · x[c, i + u, j + v]</c>.
/// Neighbouring outputs of a filter share every weight, so a vector of accumulators walks the taps and reads
/// neighbouring inputs per tap; a tile keeps several such vectors for four filters (or, on the 512-bit path, one
/// vector per output for sixteen filters: <c>DirectConvolutionFilterTiles.cs</c>), so that each tap's loads feed many
/// fused multiply-adds. The vectors run along a plane read as one run across row ends (<see cref="RunLength"/>), or,
/// on the 256-bit path, along rows. Nothing is unfolded, and the sums stay in registers until the tile is done.
/// </summary>
/// <remarks>
/// The unfolded path (<see cref="Convolution.Forward(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, Span{float}, int, ConvolutionShape, int, Span{float}, Span{float})"/>) pays for an im2col copy and a general matrix product that
/// only pay off with many samples; one small sample is dominated by that overhead. Each output is accumulated in the
/// same order (bias, then channels, rows, columns of the window) with fused multiply-adds in both the vector lanes and
/// the scalar tail, so every output element gets the same bits whichever of the two computes it. That lets the tiles
/// cover ragged edges by overlapping: the last tile of a row, of a plane's rows or of the filters starts early enough to
/// end at the edge, and writes again, with the same bits, outputs an earlier tile wrote.
/// <para>
/// A ReLU after the convolution can be applied while a tile's sums are still in registers, and a 2×2 max pooling after
/// that (<see cref="ForwardReLU"/>) either from the rectified planes the tiles stored, still in cache
/// (<see cref="PoolsAfterTiles"/>), or, in the 256-bit tiles of two rows at even rows and columns, from the registers by
/// the rule of <see cref="Pooling"/>.
/// </para>
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static unsafe partial class DirectConvolution
{
    /// <summary>
    /// <c>y = conv(x, w) + b</c> for one sample, stride 1, no padding; with <paramref name="rectify"/>, <c>max(0, ·)</c> of
    /// that, applied as each output is stored (the bits of <see cref="Activations.ReLU"/> run afterwards).
    /// </summary>
    /// <param name="x">The sample, <c>[channels × height × width]</c>.</param>
    /// <param name="weights">The filters, <c>[filters × channels × kernel × kernel]</c>.</param>
    /// <param name="bias">One per filter.</param>
    /// <param name="y">The output, <c>[filters × (height - kernel + 1) × (width - kernel + 1)]</c>.</param>
    /// <param name="channels">Input channels.</param>
    /// <param name="height">Input height, at least <paramref name="kernel"/>.</param>
    /// <param name="width">Input width, at least <paramref name="kernel"/>.</param>
    /// <param name="filters">Output channels.</param>
    /// <param name="kernel">The square window's side.</param>
    /// <param name="rectify">Whether a ReLU follows, fused into the stores.</param>
    /// <param name="padding">Zeros on every side of the input, from 0 to <paramref name="kernel"/> - 1: the kernel then runs over a padded copy.</param>
    public static void Forward(
        ReadOnlySpan<float> x, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> y,
        int channels, int height, int width, int filters, int kernel, bool rectify = false, int padding = 0)
    {
        Forward(x, weights, bias, y, Check(x, weights, bias, channels, height, width, filters, kernel, padding), rectify);
    }

    /// <summary>
    /// <c>y = conv(x, w) + b</c> for one sample of a direct convolution (<see cref="ConvolutionShape.IsDirect"/>); with
    /// <paramref name="rectify"/>, <c>max(0, ·)</c> of that. With <paramref name="split"/> (the generator's choice for a
    /// Predict step with enough work), bands of output rows are shared among up to <see cref="Parallelism.PredictThreadCount"/>
    /// threads; each output is computed the same way whichever thread computes it, so the bits do not depend on the count.
    /// </summary>
    /// <param name="x">The sample, <c>[C × H × W]</c>.</param>
    /// <param name="weights">The filters, <c>[F × C × K × K]</c>.</param>
    /// <param name="bias">One per filter.</param>
    /// <param name="y">The output, <c>[F × OH × OW]</c>.</param>
    /// <param name="shape">The convolution's shape.</param>
    /// <param name="rectify">Whether a ReLU follows, fused into the stores.</param>
    /// <param name="split">Whether bands of output rows may be shared among threads.</param>
    public static void Forward(
        ReadOnlySpan<float> x, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> y, ConvolutionShape shape, bool rectify = false, bool split = false)
    {
        if (!shape.IsDirect)
        {
            throw new ArgumentException("The direct convolution takes a square kernel at stride 1 with the same padding on every side (ConvolutionShape.IsDirect); other shapes go through Convolution.Forward.", nameof(shape));
        }

        Check(x, weights, bias, shape);
        Arguments.HasLength(y, shape.OutLength, nameof(y));
        fixed (float* px = x, pw = weights, pb = bias, py = y)
        {
            if (split && RowJob.Parts(shape) > 1)
            {
                RowJob.Run(px, pw, pb, py, shape, rectify);
            }
            else
            {
                Compute(Padded(px, shape), pw, pb, shape.Unpadded, new Targets { Y = py, RectifyY = rectify });
            }
        }
    }

    /// <summary>
    /// The convolution, its ReLU and the 2×2 stride-2 max pooling of that, for one sample, each stored only where its
    /// span is not empty: <c>y = conv(x, w) + b</c>, <c>rectified = max(0, y)</c> and
    /// <c>pooled[f, i, j] = max of rectified[f, 2i .. 2i + 1, 2j .. 2j + 1]</c> (an odd last row or column belongs to no
    /// window). The bits are those of <c>Forward</c>, <see cref="Activations.ReLU"/> and <see cref="Pooling.Max"/>
    /// run one after another; nothing in between goes through memory.
    /// </summary>
    /// <param name="x">The sample, <c>[channels × height × width]</c>.</param>
    /// <param name="weights">The filters, <c>[filters × channels × kernel × kernel]</c>.</param>
    /// <param name="bias">One per filter.</param>
    /// <param name="channels">Input channels.</param>
    /// <param name="height">Input height, at least <paramref name="kernel"/>.</param>
    /// <param name="width">Input width, at least <paramref name="kernel"/>.</param>
    /// <param name="filters">Output channels.</param>
    /// <param name="kernel">The square window's side.</param>
    /// <param name="y">The convolution, <c>[filters × OH × OW]</c>, or empty.</param>
    /// <param name="rectified">Its ReLU, <c>[filters × OH × OW]</c>, or empty.</param>
    /// <param name="pooled">The pooled ReLU, <c>[filters × ⌊OH / 2⌋ × ⌊OW / 2⌋]</c>, or empty.</param>
    /// <param name="padding">Zeros on every side of the input, from 0 to <paramref name="kernel"/> - 1.</param>
    public static void ForwardReLU(
        ReadOnlySpan<float> x, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias,
        int channels, int height, int width, int filters, int kernel, Span<float> y, Span<float> rectified, Span<float> pooled, int padding = 0)
    {
        var shape = Check(x, weights, bias, channels, height, width, filters, kernel, padding);
        if (!y.IsEmpty)
        {
            Arguments.HasLength(y, shape.OutLength, nameof(y));
        }

        if (!rectified.IsEmpty)
        {
            Arguments.HasLength(rectified, shape.OutLength, nameof(rectified));
        }

        if (!pooled.IsEmpty)
        {
            Arguments.HasLength(pooled, filters * (shape.OutH / 2) * (shape.OutW / 2), nameof(pooled));
        }

        fixed (float* px = x, pw = weights, pb = bias, py = y, pr = rectified, pp = pooled)
        {
            Compute(Padded(px, shape), pw, pb, shape.Unpadded, new Targets { Y = py, Rectified = pr, Pooled = pp });
        }
    }

    /// <summary>
    /// <paramref name="x"/> itself without padding, else this thread's zero-padded copy of it (<see cref="ZeroPadding"/>),
    /// which stays valid until the thread's next padded call.
    /// </summary>
    private static float* Padded(float* x, ConvolutionShape shape)
    {
        // 512-bit tiles over a run shorter than a vector read past the input's end (see Slack): such an input goes to the buffer.
        bool overreads = Simd.Path == SimdPath.Vector512 && RunLength(shape.Unpadded) < Wide;
        if (shape.Padding == 0 && !overreads)
        {
            return x;
        }

        int length = shape.Unpadded.InLength;
        float* padded = PinnedThreadBuffer.Get(ref t_padded, length + Slack);
        ZeroPadding.Pad(x, padded, shape.Channels, shape.Height, shape.Width, shape.Padding);
        new Span<float>(padded + length, Slack).Clear();
        return padded;
    }

    /// <summary>This thread's zero-padded copy of the input of a padded convolution.</summary>
    [ThreadStatic]
    private static float[]? t_padded;

    /// <summary>Where a tile's outputs go, each at the tile's first output, or null where that output is not wanted.</summary>
    private struct Targets
    {
        /// <summary><c>conv(x) + b</c>, or its <c>max(0, ·)</c> with <see cref="RectifyY"/>.</summary>
        public float* Y;

        /// <summary><c>max(0, conv(x) + b)</c>.</summary>
        public float* Rectified;

        /// <summary>The 2×2 maxima of the rectified outputs.</summary>
        public float* Pooled;

        public bool RectifyY;

        /// <summary>
        /// Floats from one filter's outputs to the next's in <see cref="Y"/> and <see cref="Rectified"/>; 0 for a whole
        /// plane, <c>OH·OW</c>. Only a band of rows (<see cref="RowJob"/>) sets it, with <see cref="Y"/> alone: the
        /// pooled stores and the ReLU copied from <see cref="Y"/> assume whole planes.
        /// </summary>
        public int Plane;

        /// <summary>Floats from one filter's outputs to the next's.</summary>
        public readonly int PlaneOf(ConvolutionShape shape) => Plane == 0 ? shape.Pixels : Plane;

        /// <summary>These targets moved <paramref name="j"/> columns on (pooled: <c>j / 2</c>, <paramref name="j"/> being even).</summary>
        public readonly Targets Moved(int j) => new()
        {
            Y = Y == null ? null : Y + j,
            Rectified = Rectified == null ? null : Rectified + j,
            Pooled = Pooled == null ? null : Pooled + j / 2,
            RectifyY = RectifyY,
            Plane = Plane,
        };

        /// <summary>These targets moved to the start of output row <c>(f, i)</c> (pooled: <c>(f, i / 2)</c>), pooled dropped unless <paramref name="pool"/>.</summary>
        public readonly Targets At(ConvolutionShape shape, int f, int i, bool pool)
        {
            int at = f * PlaneOf(shape) + i * shape.OutW;
            return new Targets
            {
                Y = Y == null ? null : Y + at,
                Rectified = Rectified == null ? null : Rectified + at,
                Pooled = Pooled == null || !pool ? null : Pooled + (f * (shape.OutH / 2) + i / 2) * (shape.OutW / 2),
                RectifyY = RectifyY,
                Plane = Plane,
            };
        }
    }

    /// <summary>The shape of one sample's convolution, after checking the sizes and the operands' lengths.</summary>
    private static ConvolutionShape Check(
        ReadOnlySpan<float> x, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, int channels, int height, int width, int filters, int kernel, int padding)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(filters);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(kernel);
        ArgumentOutOfRangeException.ThrowIfNegative(padding);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(padding, kernel);
        ArgumentOutOfRangeException.ThrowIfLessThan(height + 2 * padding, kernel, nameof(height));
        ArgumentOutOfRangeException.ThrowIfLessThan(width + 2 * padding, kernel, nameof(width));
        var shape = new ConvolutionShape(channels, height, width, filters, kernel, 1, padding);
        Check(x, weights, bias, shape);
        return shape;
    }

    /// <summary>Checks the operands' lengths against <paramref name="shape"/>.</summary>
    private static void Check(ReadOnlySpan<float> x, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, ConvolutionShape shape)
    {
        Arguments.HasLength(x, shape.InLength, nameof(x));
        Arguments.HasLength(weights, shape.Filters * shape.Window, nameof(weights));
        Arguments.HasLength(bias, shape.Filters, nameof(bias));
    }

    /// <summary>Every wanted output: in tiles across filters where they apply, else in row tiles where a whole tile fits (and, for pooling, AVX2 runs), else filter by filter.</summary>
    private static void Compute(float* x, float* weights, float* bias, ConvolutionShape shape, Targets targets)
    {
        if (targets.Pooled != null && PoolsAfterTiles(shape))
        {
            PoolAfterTiles(x, weights, bias, shape, targets);
            return;
        }

        if (TakesFilterTiles(shape, targets))
        {
            FilterTiles(x, weights, bias, shape, targets);
            return;
        }

        if (TakesWideTiles(shape, targets))
        {
            WideTiles(x, weights, bias, shape, targets);
            return;
        }

        bool tiles = Simd.Path >= SimdPath.Vector256 && shape.Filters >= TileFilters && shape.OutH >= TileRows && shape.OutW >= Vector256<float>.Count;
        if (tiles && (targets.Pooled == null || Avx2.IsSupported))
        {
            Tiles(x, weights, bias, shape, targets);
            return;
        }

        if (targets.Y != null)
        {
            PerFilter(x, weights, bias, targets.Y, shape, targets.RectifyY, targets.PlaneOf(shape));
        }

        float* rectified = targets.Rectified;
        if (rectified != null && targets.Y != null && !targets.RectifyY)
        {
            Activations.ReLU(new ReadOnlySpan<float>(targets.Y, shape.OutLength), new Span<float>(rectified, shape.OutLength));
        }
        else if (rectified != null)
        {
            PerFilter(x, weights, bias, rectified, shape, rectify: true, targets.PlaneOf(shape));
        }

        if (targets.Pooled != null)
        {
            if (rectified == null)
            {
                var buffer = ThreadBuffer.Get(ref t_rectified, shape.OutLength);
                fixed (float* scratch = buffer)
                {
                    PerFilter(x, weights, bias, scratch, shape, rectify: true, shape.Pixels);
                    Pooling2x2.Max(ref *scratch, ref *targets.Pooled, shape.Filters, shape.OutH, shape.OutW);
                }
            }
            else
            {
                Pooling2x2.Max(ref *rectified, ref *targets.Pooled, shape.Filters, shape.OutH, shape.OutW);
            }
        }
    }

    /// <summary>
    /// Whether a call with pooling has its tiles store the ReLU and pools that afterwards (<see cref="PoolAfterTiles"/>)
    /// rather than in the fused pooling tiles (<see cref="PoolingTiles"/>, pairs of rows of eight outputs at even rows
    /// and columns): on the 512-bit path, which has no such tile, always; on the 256-bit path unless its own choice
    /// (<see cref="TakesRowTiles"/>) would be rows in twos anyway, where the pass would only cost.
    /// </summary>
    private static bool PoolsAfterTiles(ConvolutionShape shape) =>
        shape.Filters >= TileFilters && shape.OutH >= TileRows
        && (Simd.Path == SimdPath.Vector512
            || (Simd.Path == SimdPath.Vector256 && shape.OutW >= Vector256<float>.Count && !(TakesRowTiles(shape) && shape.OutH % 3 != 0)));

    /// <summary>
    /// Pooling after the tiles: they store the rectified outputs (to <see cref="Targets.Rectified"/>, or this thread's
    /// scratch when they are not wanted themselves), and <see cref="Pooling2x2.Max"/> pools them from there, with the
    /// bits of the fused pooling tiles. The pass over the rectified planes, still in cache, costs less than the fused
    /// tiles' narrower shape: on the Zen 5 host, W7's two layers (1 → 8 and 8 → 16 channels, 5 × 5) took 0.63 and 0.75 of
    /// the fused 256-bit tiles' time on the 512-bit path, 16 → 32 channels on 28 × 28 0.43; on the 256-bit path, in
    /// runs or rows in threes, 0.82-0.88 for W7's first layer and 0.85-0.91 for 3 × 3 padded layers.
    /// </summary>
    private static void PoolAfterTiles(float* x, float* weights, float* bias, ConvolutionShape shape, Targets targets)
    {
        var unpooled = new Targets { Y = targets.Y, RectifyY = targets.RectifyY, Rectified = targets.Rectified };
        if (unpooled.Rectified != null)
        {
            Compute(x, weights, bias, shape, unpooled);
            Pooling2x2.Max(ref *unpooled.Rectified, ref *targets.Pooled, shape.Filters, shape.OutH, shape.OutW);
            return;
        }

        fixed (float* scratch = ThreadBuffer.Get(ref t_rectified, shape.OutLength))
        {
            unpooled.Rectified = scratch;
            Compute(x, weights, bias, shape, unpooled);
            Pooling2x2.Max(ref *scratch, ref *targets.Pooled, shape.Filters, shape.OutH, shape.OutW);
        }
    }

    /// <summary>This thread's rectified outputs, for pooling them when they are not wanted themselves.</summary>
    [ThreadStatic]
    private static float[]? t_rectified;

    /// <summary>Filter by filter: eight outputs of a row at a time, then the row's leftover outputs one by one.</summary>
    private static void PerFilter(float* x, float* weights, float* bias, float* y, ConvolutionShape shape, bool rectify, int plane)
    {
        int outH = shape.OutH, outW = shape.OutW, taps = shape.Window, kernel = shape.Kernel;
        ref float input = ref *x;
        int vectorEnd = Simd.Path >= SimdPath.Vector256 ? outW - outW % Vector256<float>.Count : 0;
        for (int f = 0; f < shape.Filters; f++)
        {
            ref float filter = ref *(weights + f * taps);
            for (int i = 0; i < outH; i++)
            {
                float* row = y + f * plane + i * outW;
                for (int j = 0; j < vectorEnd; j += Vector256<float>.Count)
                {
                    var sum = Vector256.Create(bias[f]);
                    int tap = 0;
                    for (int c = 0; c < shape.Channels; c++)
                    {
                        for (int u = 0; u < kernel; u++)
                        {
                            ref float source = ref Unsafe.Add(ref input, (c * shape.Height + i + u) * shape.Width + j);
                            for (int v = 0; v < kernel; v++, tap++)
                            {
                                sum = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref filter, tap)), Vector256.LoadUnsafe(ref source, (nuint)v), sum);
                            }
                        }
                    }

                    (rectify ? Vector256.Max(sum, Vector256<float>.Zero) : sum).Store(row + j);
                }

                for (int j = vectorEnd; j < outW; j++)
                {
                    float sum = ScalarOutput(ref input, ref filter, bias[f], shape.Channels, shape.Height, shape.Width, kernel, i, j);
                    row[j] = rectify ? MathF.Max(sum, 0f) : sum;
                }
            }
        }
    }

    /// <summary>Filters per tile.</summary>
    private const int TileFilters = 4;

    /// <summary>Output rows per row tile, at least: planes whose height three divides take tiles of three rows.</summary>
    private const int TileRows = 2;

    /// <summary>Vectors of a 256-bit run tile, at most: with its four filters, 12 sums in registers (of AVX2's 16).</summary>
    private const int RunVectors = 3;

    /// <summary>
    /// Positions of one filter's output plane read as a run, <c>(OH - 1) W + OW</c>: output <c>(i, j)</c> is position
    /// <c>q = i W + j</c>, <c>W</c> the (padded) input's width, and reads input <c>q + (c H + u) W + v</c> for tap
    /// <c>(c, u, v)</c>, so consecutive positions read consecutive floats for every tap, across row ends. The positions
    /// with <c>j ≥ OW</c> are computed and not stored. The 512- and 256-bit tiles both cut each plane's run into vectors.
    /// </summary>
    private static int RunLength(ConvolutionShape unpadded) => (unpadded.OutH - 1) * unpadded.Width + unpadded.OutW;

    /// <summary>
    /// A plane's run (<see cref="RunLength"/>) in <c>n</c> vectors of <paramref name="width"/> floats, cut into
    /// <c>t = ⌈n / most⌉</c> tiles: <c>t - 1</c> of <c>⌈n / t⌉</c> vectors and a last of the rest.
    /// </summary>
    private static (int Tiles, int PerTile, int Last) RunCut(ConvolutionShape shape, int width, int most)
    {
        int vectors = (RunLength(shape) + width - 1) / width;
        int tiles = (vectors + most - 1) / most;
        int perTile = (vectors + tiles - 1) / tiles;
        return (tiles, perTile, vectors - (tiles - 1) * perTile);
    }

    /// <summary>
    /// Every output in 256-bit tiles of <see cref="TileFilters"/> filters (at least one whole tile fits, as the caller
    /// checks), of whichever kind costs less (<see cref="TakesRowTiles"/>): tiles of rows (<see cref="RowTiles"/>), whose vectors hold only
    /// outputs when the rows are a whole number of vectors, or tiles of a plane's run (<see cref="RunTiles"/>), which
    /// compute <c>K - 1</c> unstored positions a row but no vector beyond the row's end, and keep twelve sums in
    /// registers where rows in twos keep eight. W8's 28-wide rows: 840 lanes a plane in runs, 896 in rows of
    /// four vectors; the bench LeNet's 24- and 8-wide rows with a 5 × 5 window: rows (no lane wasted, against 4 of 28
    /// and 4 of 12 in runs). With pooling fused (see <see cref="PoolsAfterTiles"/>), tiles of two rows (<see cref="PoolingTiles"/>).
    /// </summary>
    private static void Tiles(float* x, float* weights, float* bias, ConvolutionShape shape, Targets targets)
    {
        if (targets.Pooled != null)
        {
            PoolingTiles(x, weights, bias, shape, targets);
        }
        else if (TakesRowTiles(shape))
        {
            RowTiles(x, weights, bias, shape, targets);
        }
        else
        {
            RunTiles(x, weights, bias, shape, targets);
        }
    }

    /// <summary>
    /// Whether the 256-bit row tiles cost less than its run tiles: their lanes against the runs' lanes, a lane of rows in
    /// twos (eight sums a tile, against twelve) counted as 9/8. Measured on the Zen 5 host with AVX-512 off, a 32-wide
    /// padded 3 × 3 layer took 0.97 of the time of rows in twos in runs, for 1088 lanes a plane against 1024.
    /// </summary>
    private static bool TakesRowTiles(ConvolutionShape shape)
    {
        const int width = 8;
        int rowLanes = (shape.OutH % 3 == 0 ? shape.OutH : shape.OutH + shape.OutH % 2) * ((shape.OutW + width - 1) / width * width);
        int runLanes = (RunLength(shape) + width - 1) / width * width;
        return (shape.OutH % 3 == 0 ? 8 * rowLanes : 9 * rowLanes) < 8 * runLanes;
    }

    /// <summary>
    /// Tiles of <see cref="TileFilters"/> filters × two or three rows × eight columns; the last tile of each direction
    /// starts early so as to end at the edge. Three rows load three input vectors and four weights for twelve fused
    /// multiply-adds, against six loads for eight with two; they are used where they tile the plane's height exactly,
    /// as overlapping tiles would redo a row.
    /// </summary>
    private static void RowTiles(float* x, float* weights, float* bias, ConvolutionShape shape, Targets targets)
    {
        if (shape.OutH % 3 == 0)
        {
            Tiles<Three>(x, weights, bias, shape, targets, shape.OutH, shape.OutW, pool: false);
        }
        else
        {
            Tiles<Two>(x, weights, bias, shape, targets, shape.OutH, shape.OutW, pool: false);
        }
    }

    /// <summary>
    /// Tiles of <see cref="TileFilters"/> filters × up to three vectors of eight positions of a plane's run
    /// (<see cref="RunLength"/>): <c>n</c> vectors as <c>t = ⌈n / 3⌉</c> tiles of <c>⌈n / t⌉</c> and a last of the rest, the
    /// plane's last vector ending at the run's end (rows of eight or more, so the run holds a vector). Each tap loads
    /// three input vectors and four weights for twelve fused multiply-adds.
    /// </summary>
    private static void RunTiles(float* x, float* weights, float* bias, ConvolutionShape shape, Targets targets)
    {
        var (tiles, perTile, last) = RunCut(shape, Vector256<float>.Count, RunVectors);
        int* offsets = TapOffsets(shape);
        for (int f0 = 0; f0 < shape.Filters; f0 += TileFilters)
        {
            int f = Math.Min(f0, shape.Filters - TileFilters);
            var band = targets.At(shape, f, 0, pool: false);
            RunBands(perTile, x, weights, bias, shape, band, f, 0, tiles - 1, offsets);
            RunBands(last, x, weights, bias, shape, band, f, (tiles - 1) * perTile * Vector256<float>.Count, 1, offsets);
        }
    }

    /// <summary><see cref="RunBand{TVectors}"/> for <paramref name="vectors"/> vectors a tile, from one to three.</summary>
    private static void RunBands(int vectors, float* x, float* weights, float* bias, ConvolutionShape shape, Targets band, int f, int start, int count, int* offsets)
    {
        switch (vectors)
        {
            case 3:
                RunBand<Three>(x, weights, bias, shape, band, f, start, count, offsets);
                break;
            case 2:
                RunBand<Two>(x, weights, bias, shape, band, f, start, count, offsets);
                break;
            default:
                RunBand<One>(x, weights, bias, shape, band, f, start, count, offsets);
                break;
        }
    }

    /// <summary>
    /// <paramref name="count"/> 256-bit tiles of <typeparamref name="TVectors"/> vectors each, for filters <c>f .. f + 3</c>:
    /// run positions from <paramref name="start"/> on, stored to <paramref name="band"/> (at row 0, column 0 of filter
    /// <c>f</c>), walking the taps in the order of <paramref name="tapOffsets"/>. The plane's last vector starts at
    /// <c>run - 8</c>, overlapping the one before it. It calls nothing, so a tile's sums stay in registers.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void RunBand<TVectors>(float* x, float* weights, float* bias, ConvolutionShape shape, Targets band, int f, int start, int count, int* tapOffsets)
        where TVectors : struct, IConstant
    {
        const int width = 8;
        int taps = shape.Window, plane = band.PlaneOf(shape), lastStart = RunLength(shape) - width;
        weights += f * taps;
        bias += f;
        float* w1 = weights + taps, w2 = weights + 2 * taps, w3 = weights + 3 * taps;
        for (int tile = 0, t = start; tile < count; tile++, t += TVectors.Value * width)
        {
            // Vectors 8 floats apart, but the plane's last one ends at the run's end (a lone vector moving back).
            int last = Math.Min(t + (TVectors.Value - 1) * width, lastStart) - t;
            int o0 = TVectors.Value == 1 ? last : 0;
            int o1 = TVectors.Value == 2 ? last : width;
            int o2 = last;
            Vector256<float> a0 = Vector256.Create(bias[0]), a1 = Vector256.Create(bias[1]), a2 = Vector256.Create(bias[2]), a3 = Vector256.Create(bias[3]);
            Vector256<float> b0 = a0, b1 = a1, b2 = a2, b3 = a3;
            Vector256<float> c0 = a0, c1 = a1, c2 = a2, c3 = a3;
            float* origin = x + t;
            for (int tap = 0; tap < taps; tap++)
            {
                float* top = origin + tapOffsets[tap];
                var p = Vector256.Load(top + o0);
                var q = TVectors.Value > 1 ? Vector256.Load(top + o1) : default;
                var r = TVectors.Value > 2 ? Vector256.Load(top + o2) : default;
                var k = Vector256.Create(weights[tap]);
                a0 = Vector256.FusedMultiplyAdd(k, p, a0);
                if (TVectors.Value > 1)
                {
                    b0 = Vector256.FusedMultiplyAdd(k, q, b0);
                }

                if (TVectors.Value > 2)
                {
                    c0 = Vector256.FusedMultiplyAdd(k, r, c0);
                }

                k = Vector256.Create(w1[tap]);
                a1 = Vector256.FusedMultiplyAdd(k, p, a1);
                if (TVectors.Value > 1)
                {
                    b1 = Vector256.FusedMultiplyAdd(k, q, b1);
                }

                if (TVectors.Value > 2)
                {
                    c1 = Vector256.FusedMultiplyAdd(k, r, c1);
                }

                k = Vector256.Create(w2[tap]);
                a2 = Vector256.FusedMultiplyAdd(k, p, a2);
                if (TVectors.Value > 1)
                {
                    b2 = Vector256.FusedMultiplyAdd(k, q, b2);
                }

                if (TVectors.Value > 2)
                {
                    c2 = Vector256.FusedMultiplyAdd(k, r, c2);
                }

                k = Vector256.Create(w3[tap]);
                a3 = Vector256.FusedMultiplyAdd(k, p, a3);
                if (TVectors.Value > 1)
                {
                    b3 = Vector256.FusedMultiplyAdd(k, q, b3);
                }

                if (TVectors.Value > 2)
                {
                    c3 = Vector256.FusedMultiplyAdd(k, r, c3);
                }
            }

            StoreRun(band, shape, plane, t + o0, a0, a1, a2, a3);
            if (TVectors.Value > 1)
            {
                StoreRun(band, shape, plane, t + o1, b0, b1, b2, b3);
            }

            if (TVectors.Value > 2)
            {
                StoreRun(band, shape, plane, t + o2, c0, c1, c2, c3);
            }
        }
    }

    /// <summary>
    /// Stores the vector at run position <paramref name="at"/> for four filters a plane apart: to each output row
    /// <c>i</c> it holds part of, lanes <c>l</c> with <c>0 ≤ at + l - i W &lt; OW</c>, at column <c>at + l - i W</c>; a
    /// whole vector inside a row with a plain store, a part under a mask.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRun(
        in Targets band, ConvolutionShape shape, int plane, int at, Vector256<float> s0, Vector256<float> s1, Vector256<float> s2, Vector256<float> s3)
    {
        int width = shape.Width, outW = shape.OutW, i = at / width;

        // The column of lane 0 in row i; the rows on hold it at a column W less each.
        for (int column = at - i * width; column > -Vector256<float>.Count && i < shape.OutH; i++, column -= width)
        {
            if (column >= 0 && column <= outW - Vector256<float>.Count)
            {
                StoreRow(band, i * outW + column, plane, s0, s1, s2, s3);
            }
            else if (column < outW)
            {
                var mask = Vector256.LessThan((Vector256<int>.Indices + Vector256.Create(column)).AsUInt32(), Vector256.Create((uint)outW)).AsSingle();
                StoreRow(band, i * outW + column, plane, s0, s1, s2, s3, mask);
            }
        }
    }

    [ThreadStatic]
    private static int[]? t_tapOffsets;

    /// <summary>The channels, height, width and kernel <see cref="t_tapOffsets"/> was made for (a training step asks for the same table sample after sample).</summary>
    [ThreadStatic]
    private static (int Channels, int Height, int Width, int Kernel) t_tapOffsetsFor;

    /// <summary>
    /// This thread's table of where each tap <c>(c, u, v)</c> of a filter reads, <c>(c H + u) W + v</c> floats from a
    /// window's first input, so that a tile walks its taps in one loop: no inner loops over the window's rows and
    /// columns, whose short trip counts and loop-carried pointers cost registers and branches.
    /// </summary>
    private static int* TapOffsets(ConvolutionShape shape)
    {
        int taps = shape.Window, kernel = shape.Kernel;
        var key = (shape.Channels, shape.Height, shape.Width, kernel);
        if (t_tapOffsets is not null && t_tapOffsetsFor == key)
        {
            return (int*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(t_tapOffsets));
        }

        if (t_tapOffsets is null || t_tapOffsets.Length < taps)
        {
            t_tapOffsets = GC.AllocateUninitializedArray<int>(taps, pinned: true);
        }

        t_tapOffsetsFor = key;
        int* offsets = (int*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(t_tapOffsets));
        int tap = 0;
        for (int c = 0; c < shape.Channels; c++)
        {
            for (int u = 0; u < kernel; u++)
            {
                for (int v = 0; v < kernel; v++)
                {
                    offsets[tap++] = (c * shape.Height + u) * shape.Width + v;
                }
            }
        }

        return offsets;
    }

    /// <summary>
    /// Tiles of two rows that start at even rows and columns, so each holds four whole windows per filter, over the
    /// outputs the windows cover; then, if the rows or columns are odd in number and the outputs themselves are wanted,
    /// the last row or column in tiles that store no pooling.
    /// </summary>
    private static void PoolingTiles(float* x, float* weights, float* bias, ConvolutionShape shape, Targets targets)
    {
        int evenH = shape.OutH - shape.OutH % 2, evenW = shape.OutW - shape.OutW % 2;
        Tiles<Two>(x, weights, bias, shape, targets, evenH, evenW, pool: true);
        if (targets.Y == null && targets.Rectified == null)
        {
            return;
        }

        int width = Vector256<float>.Count, lastRow = shape.OutH - TileRows, lastColumn = shape.OutW - width;
        for (int f0 = 0; f0 < shape.Filters; f0 += TileFilters)
        {
            int f = Math.Min(f0, shape.Filters - TileFilters);
            if (evenW < shape.OutW)
            {
                for (int i = 0; i < evenH; i += TileRows)
                {
                    Band<Two>(x, weights, bias, shape, targets.At(shape, f, i, pool: false), f, i, lastColumn, shape.OutW);
                }
            }

            if (evenH < shape.OutH)
            {
                Band<Two>(x, weights, bias, shape, targets.At(shape, f, lastRow, pool: false), f, lastRow, 0, shape.OutW);
            }
        }
    }

    /// <summary>Tiles over output rows [0, <paramref name="rows"/>) and columns [0, <paramref name="columns"/>), the last of each direction overlapping.</summary>
    private static void Tiles<TRows>(float* x, float* weights, float* bias, ConvolutionShape shape, Targets targets, int rows, int columns, bool pool)
        where TRows : struct, IConstant
    {
        for (int f0 = 0; f0 < shape.Filters; f0 += TileFilters)
        {
            int f = Math.Min(f0, shape.Filters - TileFilters);
            for (int i0 = 0; i0 < rows; i0 += TRows.Value)
            {
                int i = Math.Min(i0, rows - TRows.Value);
                Band<TRows>(x, weights, bias, shape, targets.At(shape, f, i, pool), f, i, 0, columns);
            }
        }
    }

    /// <summary>
    /// A band of tiles: outputs <c>(f + k, i + r, j .. j + 8)</c> for k &lt; 4, r &lt; <typeparamref name="TRows"/> and
    /// <c>j</c> from <paramref name="first"/> in steps of eight, the last tile ending at <paramref name="columns"/>; stored
    /// to <paramref name="band"/> (already at row <c>i</c>, column 0 of filter <c>f</c>). One call does the whole
    /// band, as a call per tile cost a fifth of the first bench layer's time; it calls nothing else, so that a tile's
    /// sums stay in registers.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Band<TRows>(float* x, float* weights, float* bias, ConvolutionShape shape, Targets band, int f, int i, int first, int columns)
        where TRows : struct, IConstant
    {
        int taps = shape.Window, width = shape.Width, kernel = shape.Kernel;
        x += i * width;
        weights += f * taps;
        bias += f;
        float* w1 = weights + taps, w2 = weights + 2 * taps, w3 = weights + 3 * taps;
        bool third = TRows.Value > 2;
        for (int j0 = first; j0 < columns; j0 += Vector256<float>.Count)
        {
            int j = Math.Min(j0, columns - Vector256<float>.Count);
            var targets = band.Moved(j);
            Vector256<float> a0 = Vector256.Create(bias[0]), a1 = Vector256.Create(bias[1]), a2 = Vector256.Create(bias[2]), a3 = Vector256.Create(bias[3]);
            Vector256<float> b0 = a0, b1 = a1, b2 = a2, b3 = a3;
            Vector256<float> c0 = a0, c1 = a1, c2 = a2, c3 = a3;
            int tap = 0;
            for (int ch = 0; ch < shape.Channels; ch++)
            {
                for (int u = 0; u < kernel; u++)
                {
                    float* top = x + (ch * shape.Height + u) * width + j;
                    for (int v = 0; v < kernel; v++, tap++)
                    {
                        var p = Vector256.Load(top + v);
                        var q = Vector256.Load(top + width + v);
                        var r = third ? Vector256.Load(top + 2 * width + v) : default;
                        var k = Vector256.Create(weights[tap]);
                        a0 = Vector256.FusedMultiplyAdd(k, p, a0);
                        b0 = Vector256.FusedMultiplyAdd(k, q, b0);
                        if (third)
                        {
                            c0 = Vector256.FusedMultiplyAdd(k, r, c0);
                        }

                        k = Vector256.Create(w1[tap]);
                        a1 = Vector256.FusedMultiplyAdd(k, p, a1);
                        b1 = Vector256.FusedMultiplyAdd(k, q, b1);
                        if (third)
                        {
                            c1 = Vector256.FusedMultiplyAdd(k, r, c1);
                        }

                        k = Vector256.Create(w2[tap]);
                        a2 = Vector256.FusedMultiplyAdd(k, p, a2);
                        b2 = Vector256.FusedMultiplyAdd(k, q, b2);
                        if (third)
                        {
                            c2 = Vector256.FusedMultiplyAdd(k, r, c2);
                        }

                        k = Vector256.Create(w3[tap]);
                        a3 = Vector256.FusedMultiplyAdd(k, p, a3);
                        b3 = Vector256.FusedMultiplyAdd(k, q, b3);
                        if (third)
                        {
                            c3 = Vector256.FusedMultiplyAdd(k, r, c3);
                        }
                    }
                }
            }

            int outW = shape.OutW, plane = targets.PlaneOf(shape);
            StoreRow(targets, 0, plane, a0, a1, a2, a3);
            StoreRow(targets, outW, plane, b0, b1, b2, b3);
            if (third)
            {
                StoreRow(targets, 2 * outW, plane, c0, c1, c2, c3);
            }

            if (targets.Pooled != null)
            {
                int pooledPlane = shape.OutH / 2 * (shape.OutW / 2);
                var zero = Vector256<float>.Zero;
                Pooling2x2.MaxOfRows(Vector256.Max(a0, zero), Vector256.Max(b0, zero)).Store(targets.Pooled);
                Pooling2x2.MaxOfRows(Vector256.Max(a1, zero), Vector256.Max(b1, zero)).Store(targets.Pooled + pooledPlane);
                Pooling2x2.MaxOfRows(Vector256.Max(a2, zero), Vector256.Max(b2, zero)).Store(targets.Pooled + 2 * pooledPlane);
                Pooling2x2.MaxOfRows(Vector256.Max(a3, zero), Vector256.Max(b3, zero)).Store(targets.Pooled + 3 * pooledPlane);
            }
        }
    }

    /// <summary>Stores one row of a tile, <paramref name="offset"/> floats on from its first output: the four filters' sums, a plane apart, to each wanted target.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRow(
        in Targets targets, int offset, int plane, Vector256<float> s0, Vector256<float> s1, Vector256<float> s2, Vector256<float> s3)
    {
        var zero = Vector256<float>.Zero;
        if (targets.Y != null)
        {
            float* y = targets.Y + offset;
            bool rectify = targets.RectifyY;
            (rectify ? Vector256.Max(s0, zero) : s0).Store(y);
            (rectify ? Vector256.Max(s1, zero) : s1).Store(y + plane);
            (rectify ? Vector256.Max(s2, zero) : s2).Store(y + 2 * plane);
            (rectify ? Vector256.Max(s3, zero) : s3).Store(y + 3 * plane);
        }

        if (targets.Rectified != null)
        {
            float* y = targets.Rectified + offset;
            Vector256.Max(s0, zero).Store(y);
            Vector256.Max(s1, zero).Store(y + plane);
            Vector256.Max(s2, zero).Store(y + 2 * plane);
            Vector256.Max(s3, zero).Store(y + 3 * plane);
        }
    }

    /// <summary><see cref="StoreRow(in Targets, int, int, Vector256{float}, Vector256{float}, Vector256{float}, Vector256{float})"/>, only the lanes of <paramref name="mask"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRow(
        in Targets targets, int offset, int plane, Vector256<float> s0, Vector256<float> s1, Vector256<float> s2, Vector256<float> s3, Vector256<float> mask)
    {
        var zero = Vector256<float>.Zero;
        if (targets.Y != null)
        {
            float* y = targets.Y + offset;
            bool rectify = targets.RectifyY;
            Avx.MaskStore(y, mask, rectify ? Vector256.Max(s0, zero) : s0);
            Avx.MaskStore(y + plane, mask, rectify ? Vector256.Max(s1, zero) : s1);
            Avx.MaskStore(y + 2 * plane, mask, rectify ? Vector256.Max(s2, zero) : s2);
            Avx.MaskStore(y + 3 * plane, mask, rectify ? Vector256.Max(s3, zero) : s3);
        }

        if (targets.Rectified != null)
        {
            float* y = targets.Rectified + offset;
            Avx.MaskStore(y, mask, Vector256.Max(s0, zero));
            Avx.MaskStore(y + plane, mask, Vector256.Max(s1, zero));
            Avx.MaskStore(y + 2 * plane, mask, Vector256.Max(s2, zero));
            Avx.MaskStore(y + 3 * plane, mask, Vector256.Max(s3, zero));
        }
    }

    /// <summary>One output from the formula, in the order the vector lanes use, with the same fused multiply-adds.</summary>
    private static float ScalarOutput(ref float input, ref float filter, float bias, int channels, int height, int width, int kernel, int i, int j)
    {
        float sum = bias;
        int tap = 0;
        for (int c = 0; c < channels; c++)
        {
            for (int u = 0; u < kernel; u++)
            {
                ref float source = ref Unsafe.Add(ref input, (c * height + i + u) * width + j);
                for (int v = 0; v < kernel; v++, tap++)
                {
                    sum = MathF.FusedMultiplyAdd(Unsafe.Add(ref filter, tap), Unsafe.Add(ref source, v), sum);
                }
            }
        }

        return sum;
    }
}
