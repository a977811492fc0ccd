namespace Butterfly.Kernels;

/// <summary>
/// The kernel choices that the generator's planner and the runtime's kernels must make alike: whether a convolution is
/// computed directly or unfolded, whether a pooling takes the 2×2 path, how many samples an unfolded product covers, and
/// which convolutions Predict may keep channels-last.
/// The one source file is compiled into the runtime and, linked, into the generator (which targets netstandard2.0, so it
/// uses nothing newer), so the two cannot disagree.
/// </summary>
internal static class KernelChoice
{
    /// <summary>
    /// Whether a convolution is computed directly, without unfolding: a square window sliding by one along both axes, with
    /// the same padding on every side (computed over a zero-padded copy of the input). The direct kernels take only that
    /// form; every other one unfolds into scratch.
    /// </summary>
    public static bool ConvolvesDirectly(
        int kernelHeight, int kernelWidth, int strideHeight, int strideWidth, int padTop, int padLeft, int padBottom, int padRight) =>
        strideHeight == 1 && strideWidth == 1 && kernelHeight == kernelWidth
        && padLeft == padTop && padBottom == padTop && padRight == padTop;

    /// <summary>
    /// Whether pooling windows are 2×2 with stride 2: the pooling kernels' vectorized path, and the case a convolution's
    /// batch forward call pools as it stores its rectified output.
    /// </summary>
    public static bool PoolsTwoByTwo(int size, int stride) => size == 2 && stride == 2;

    /// <summary>
    /// How many samples one unfolded product covers, for an output of <paramref name="pixels"/> pixels a filter: enough
    /// that a row of the product holds about 2048 columns, so that a late layer with few output pixels still makes long
    /// rows; at most 64.
    /// </summary>
    public static int UnfoldChunkSamples(long pixels) => (int)System.Math.Max(1, System.Math.Min(64, (2048 + pixels - 1) / pixels));

    /// <summary>
    /// Scratch floats of an unfolded convolution over <paramref name="samples"/> samples at once: the unfolded chunk
    /// <c>X̃[C·KH·KW × nP]</c> and its outputs filter by filter, <c>[F × nP]</c>.
    /// </summary>
    public static long UnfoldScratchFloats(long samples, long pixels, long window, long filters) => samples * pixels * (window + filters);

    /// <summary>
    /// Whether Predict's channels-last kernels take a convolution: a direct one (<see cref="ConvolvesDirectly"/>) with its
    /// filters in whole groups of sixteen, one 512-bit vector of outputs a pixel (two 256-bit ones), so that a pixel's
    /// channels fill whole 64-byte lines and threads given bands of rows never write the same line.
    /// </summary>
    public static bool ConvolvesChannelsLast(bool direct, int filters) => direct && filters > 0 && filters % 16 == 0;

    /// <summary>
    /// Floats of a channels-last image with a zero border: <c>(H + 2b) × (W + 2b) × C</c>, element <c>(c, i, j)</c> at
    /// <c>((i + b)(W + 2b) + j + b) C + c</c>. A convolution's border is its padding, so it reads its input in place.
    /// </summary>
    public static long ChannelsLastLength(int channels, int height, int width, int border) =>
        (long)(height + 2 * border) * (width + 2 * border) * channels;
}
