using System;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Butterfly.Kernels;

/// <summary>The instruction sets the kernels have a code path for, widest first.</summary>
internal enum SimdPath
{
    /// <summary>Portable <see cref="System.Numerics.Vector{T}"/> code: runs anywhere.</summary>
    VectorT,

    /// <summary>256-bit AVX2 with FMA.</summary>
    Vector256,

    /// <summary>512-bit AVX-512F.</summary>
    Vector512,
}

/// <summary>
/// Which kernel path runs, chosen once at start-up from what the processor accelerates. Tests force each path in
/// turn with <see cref="Force"/>, so every path is checked on a machine that has them all.
/// </summary>
internal static class Simd
{
    private static SimdPath s_path = Best;

    /// <summary>
    /// The widest path this processor runs natively. AVX-512F support is asked for directly:
    /// <see cref="Vector512.IsHardwareAccelerated"/> stays false by default on processors where the runtime prefers
    /// 256-bit code for general loops (Zen 4 and 5 among them), while a register-blocked FMA kernel still doubles its
    /// throughput with 512-bit vectors there.
    /// </summary>
    public static SimdPath Best =>
        Avx512F.IsSupported ? SimdPath.Vector512
        : Avx2.IsSupported && Fma.IsSupported ? SimdPath.Vector256
        : SimdPath.VectorT;

    /// <summary>The path the kernels take.</summary>
    public static SimdPath Path => s_path;

    /// <summary>
    /// Makes the kernels take <paramref name="path"/> until the returned scope is disposed. Only for tests: a path the
    /// processor lacks is refused rather than run slowly in software.
    /// </summary>
    public static ForcedPath Force(SimdPath path)
    {
        if (path > Best)
        {
            throw new PlatformNotSupportedException($"This processor does not accelerate {path}.");
        }

        var previous = s_path;
        s_path = path;
        return new ForcedPath(previous);
    }

    /// <summary>Restores the path that was in force before <see cref="Force"/>.</summary>
    public readonly struct ForcedPath(SimdPath previous) : IDisposable
    {
        public void Dispose() => s_path = previous;
    }
}
