using System;
using System.Linq;
using Butterfly.Kernels;

namespace Butterfly.Runtime.Tests.Kernels;

/// <summary>
/// Every GEMM variant against the scalar reference, on each instruction-set path in turn, over shapes that hit
/// every edge: 1, primes, sizes that are not a multiple of any vector width or tile, k across several packed
/// blocks, small batches (dot tiles), one step (outer products) and products large enough to be split between
/// threads; and bit-identical results for every thread count.
/// </summary>
[Collection(KernelSettingsCollection.Name)]
public sealed class GemmTests
{
    private static readonly (int M, int N, int K)[] s_shapes =
    [
        (1, 1, 1), (1, 7, 3), (3, 5, 2), (2, 3, 1), (5, 4, 0), (7, 13, 17), (1, 100, 784), (4, 10, 100),
        (12, 32, 256), (13, 33, 257), (31, 100, 784), (49, 37, 300), (6, 16, 513), (100, 784, 32),
        (197, 131, 521), (64, 600, 64),
        (64, 10, 256), (197, 13, 129), // more rows than the dot tiles' limit, but fewer columns than a packed panel
        (100, 1040, 40), // more columns than one packed block (GemmBlocked.NC)
        (13, 40, 2100), (50, 70, 1100), // k across several packed blocks (GemmBlocked.KC)
    ];

    public static TheoryData<string> Paths => KernelPaths.All();

    [Theory]
    [MemberData(nameof(Paths))]
    public void Every_variant_matches_the_scalar_reference(string pathName)
    {
        var path = KernelPaths.Parse(pathName);
        if (path > Simd.Best)
        {
            return; // This processor lacks the instruction set; Force_refuses_a_path_the_processor_lacks covers it.
        }

        using var forced = Simd.Force(path);
        var random = new Random(7);
        foreach (var (m, n, k) in s_shapes)
        {
            foreach (bool accumulate in new[] { false, true })
            {
                CheckAll(random, m, n, k, accumulate, $"{path} {m}x{n}x{k}{(accumulate ? " accumulate" : "")}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Results_do_not_depend_on_the_thread_count(string pathName)
    {
        var path = KernelPaths.Parse(pathName);
        if (path > Simd.Best)
        {
            return;
        }

        using var forced = Simd.Force(path);
        var random = new Random(3);
        // Columns split (few rows, or up to two row blocks per thread), rows split (many rows, or too few panels).
        foreach (var (m, n, k) in new[] { (31, 100, 784), (100, 784, 32), (197, 131, 521), (256, 300, 200), (256, 10, 1024), (800, 160, 64), (1000, 300, 50), (64, 300, 1500) })
        {
            var a = ReferenceGemm.Random(random, m * k);
            var b = ReferenceGemm.Random(random, n * k);
            var bias = ReferenceGemm.Random(random, n);
            float[][] Run(int threads)
            {
                using var scope = KernelPaths.Threads(threads);
                var abt = new float[m * n];
                var ab = new float[m * n];
                var atb = new float[m * n];
                Gemm.ABtAddBias(a, b, bias, abt, m, n, k);
                Gemm.AB(a, b, ab, m, n, k);
                Gemm.AtB(a, b, atb, m, n, k);
                return [abt, ab, atb];
            }

            var single = Run(1);
            foreach (int threads in new[] { 2, 3, 4 })
            {
                var other = Run(threads);
                for (int v = 0; v < single.Length; v++)
                {
                    Assert.True(single[v].AsSpan().SequenceEqual(other[v]), $"{path} {m}x{n}x{k} variant {v}: {threads} threads differ from 1.");
                }
            }
        }
    }

    [Fact]
    public void Force_refuses_a_path_the_processor_lacks()
    {
        foreach (var path in Enum.GetValues<SimdPath>().Where(p => p > Simd.Best))
        {
            Assert.Throws<PlatformNotSupportedException>(() => Simd.Force(path));
        }

        Assert.Equal(Simd.Best, Simd.Path);
    }

    private static void CheckAll(Random random, int m, int n, int k, bool accumulate, string what)
    {
        var a = ReferenceGemm.Random(random, m * k);
        var b = ReferenceGemm.Random(random, n * k);
        var bias = ReferenceGemm.Random(random, n);
        var start = ReferenceGemm.Random(random, m * n);
        Func<int, int, float> init = accumulate ? (i, j) => start[i * n + j] : (_, _) => 0f;

        var c = (float[])start.Clone();
        Gemm.ABt(a, b, c, m, n, k, accumulate);
        ReferenceGemm.AssertClose(ReferenceGemm.Multiply((i, p) => a[i * k + p], (p, j) => b[j * k + p], init, m, n, k), c, "ABt " + what);

        c = (float[])start.Clone();
        Gemm.AB(a, b, c, m, n, k, accumulate);
        ReferenceGemm.AssertClose(ReferenceGemm.Multiply((i, p) => a[i * k + p], (p, j) => b[p * n + j], init, m, n, k), c, "AB " + what);

        c = (float[])start.Clone();
        Gemm.AtB(a, b, c, m, n, k, accumulate);
        ReferenceGemm.AssertClose(ReferenceGemm.Multiply((i, p) => a[p * m + i], (p, j) => b[p * n + j], init, m, n, k), c, "AtB " + what);

        if (!accumulate)
        {
            c = (float[])start.Clone();
            Gemm.ABtAddBias(a, b, bias, c, m, n, k);
            ReferenceGemm.AssertClose(ReferenceGemm.Multiply((i, p) => a[i * k + p], (p, j) => b[j * k + p], (_, j) => bias[j], m, n, k), c, "ABtAddBias " + what);
        }
    }
}
